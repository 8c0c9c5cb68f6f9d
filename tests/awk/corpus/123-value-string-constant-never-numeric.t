=== about
A string constant is a string even if it looks numeric: "10" < "9" is true.
=== program
BEGIN { print ("10" < "9"), ("abc" < 1), (10 < 9), ("10" + 0 < "9" + 0), ("1e1" == 10) }
=== expected
1 0 0 0 0
=== peers
gawk-posix mawk original-awk
