=== about
! yields 1 or 0; !"" is 1, !"a" is 0, !"0" (a string constant) is 0, !$1 for a numeric field 0 is 1.
=== program
{ print !$1, !"", !"a", !"0", !0, !!5, !x }
=== stdin
0
1
abc
=== expected
1 1 0 0 1 1 1
0 1 0 0 1 1 1
0 1 0 0 1 1 1
=== peers
gawk-posix mawk original-awk
