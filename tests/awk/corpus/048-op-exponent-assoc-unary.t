=== about
2^-1^2 parses the exponent as -(1^2); 2^2^-1 is 2^(0.5).
=== program
BEGIN { printf "%.4f %.4f %.4f\n", 2^-1^2, 2^2^-1, -2^-2 }
=== expected
0.5000 1.4142 -0.2500
=== peers
gawk-posix mawk original-awk
