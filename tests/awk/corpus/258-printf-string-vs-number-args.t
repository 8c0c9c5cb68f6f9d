=== about
Numeric conversions of strings and string conversions of numbers.
=== program
BEGIN { printf "%d %s %.2f %s\n", "3.7xyz", 3.7, "2.555", 1e6 }
=== expected
3 3.7 2.56 1000000
=== peers
gawk-posix mawk original-awk
