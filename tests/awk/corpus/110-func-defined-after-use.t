=== about
A function may be defined after the rules that call it.
=== program
{ print twice($0) }
function twice(s) { return s s }
=== stdin
ab
=== expected
abab
=== peers
gawk-posix mawk original-awk
