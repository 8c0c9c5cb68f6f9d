=== about
Greatest common divisor (Euclid, recursive) and least common multiple.
=== program
function gcd(a, b) { return b == 0 ? a : gcd(b, a % b) }
{ g = gcd($1, $2); print $1, $2, "gcd", g, "lcm", $1 / g * $2 }
=== stdin
12 18
17 5
100 75
=== expected
12 18 gcd 6 lcm 36
17 5 gcd 1 lcm 85
100 75 gcd 25 lcm 300
=== peers
gawk-posix mawk original-awk
