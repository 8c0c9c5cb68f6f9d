=== about
A parameter shadows a global of the same name; the global is untouched.
=== program
function f(NRX, x) { x = "local"; NRX = "param"; return NRX x }
BEGIN { x = "global"; NRX = "g2"; print f(); print x, NRX }
=== expected
paramlocal
global g2
=== peers
gawk-posix mawk original-awk
