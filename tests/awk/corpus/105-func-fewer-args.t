=== about
Calling a function with fewer arguments leaves the rest uninitialised.
=== program
function show(a, b, c) { return "[" a "][" b "][" c "]" (c == "" && c == 0 ? " c-unset" : "") }
BEGIN { print show(1); print show(1, 2); print show(1, 2, 3) }
=== expected
[1][][] c-unset
[1][2][] c-unset
[1][2][3]
=== peers
gawk-posix mawk original-awk
