=== about
Exponentiation with fractional and negative exponents.
=== program
BEGIN { printf "%.4f %.4f %g %g\n", 2 ^ 0.5, 8 ^ (1/3), 10 ^ -2, (-8) ^ 3 }
=== expected
1.4142 2.0000 0.01 -512
=== peers
gawk-posix mawk original-awk
