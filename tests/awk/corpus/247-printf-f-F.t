=== about
%f with default and explicit precision, rounding and negatives (%F where supported).
=== program
BEGIN { printf "%f %.2f %.0f %.0f %.3f %10.1f|\n", 3.14159, 2.675, 0.5, 1.5, -1, 42.25 }
=== expected
3.141590 2.67 0 2 -1.000       42.2|
=== peers
gawk-posix mawk original-awk
