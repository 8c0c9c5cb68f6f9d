=== about
A user function call has no space before the parenthesis; builtins may have one.
=== program
function f(x) { return x * 2 }
BEGIN { print f(21), length ("abc"), substr ("hello", 2, 3) }
=== expected
42 3 ell
=== peers
gawk-posix mawk original-awk
