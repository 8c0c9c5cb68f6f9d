=== about
%e and %E in default and explicit precision.
=== program
BEGIN { printf "%e %E %.2e %.0e %e\n", 1234.5, 0.000123, -99999, 5, 0 }
=== expected
1.234500e+03 1.230000E-04 -1.00e+05 5e+00 0.000000e+00
=== peers
gawk-posix mawk original-awk
