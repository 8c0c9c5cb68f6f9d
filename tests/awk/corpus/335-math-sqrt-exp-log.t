=== about
sqrt, exp and log on ordinary values.
=== program
BEGIN { printf "%.6f %.6f %.6f %.6f %g\n", sqrt(2), exp(1), log(10), log(exp(2)), sqrt(144) }
=== expected
1.414214 2.718282 2.302585 2.000000 12
=== peers
gawk-posix mawk original-awk
