=== about
Extra parameters act as locals, freshly uninitialised on every call.
=== program
function counter(n,   i, s) { for (i = 0; i < n; i++) s = s "*"; return s "|" t }
BEGIN { i = "outer"; s = "outer-s"; print counter(3); print counter(1); print i, s }
=== expected
***|
*|
outer outer-s
=== peers
gawk-posix mawk original-awk
