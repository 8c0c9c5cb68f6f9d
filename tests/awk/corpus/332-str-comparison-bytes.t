=== about
String comparison is by byte values in the C locale: uppercase sorts before lowercase.
=== program
BEGIN { print ("Z" < "a"), ("abc" < "abd"), ("ab" < "abc"), ("" < "a"), ("10" < "9") }
=== expected
1 1 1 1 1
=== peers
gawk-posix mawk original-awk
