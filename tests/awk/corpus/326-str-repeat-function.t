=== about
A user-defined repeat and reverse string utility.
=== program
function repeat(s, n,   r) { while (n-- > 0) r = r s; return r }
function reverse(s,   r, i) { for (i = length(s); i > 0; i--) r = r substr(s, i, 1); return r }
{ print repeat($1, $2), reverse($1) }
=== stdin
ab 3
xyz 0
=== expected
ababab ba
 zyx
=== peers
gawk-posix mawk original-awk
