=== about
%g and %G choose between fixed and exponential form and drop trailing zeros.
=== program
BEGIN { printf "%g %g %g %g %G %.3g %g %#g\n", 100000, 1000000, 0.0001, 0.00001, 1e-10, 3.14159, 0, 1.5 }
=== expected
100000 1e+06 0.0001 1e-05 1E-10 3.14 0 1.50000
=== peers
gawk-posix mawk original-awk
