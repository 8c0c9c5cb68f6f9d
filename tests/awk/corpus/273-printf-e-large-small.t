=== about
%e and %g of very large and very small values.
=== program
BEGIN { printf "%e %g %e %g\n", 1e300, 1e300, 1e-300, 1.5e-300 }
=== expected
1.000000e+300 1e+300 1.000000e-300 1.5e-300
=== peers
gawk-posix mawk original-awk
