=== about
The default %.6g conversion for assorted values.
=== program
BEGIN { print 0.1 + 0.2, 1/3, 1e-5, 123456.7, 1234567.5, 0.000001234, -1.5e-10, 100/3 }
=== expected
0.3 0.333333 1e-05 123457 1.23457e+06 1.234e-06 -1.5e-10 33.3333
=== peers
gawk-posix mawk original-awk
