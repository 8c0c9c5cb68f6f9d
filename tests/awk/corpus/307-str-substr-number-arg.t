=== about
substr on a number converts it to a string first.
=== program
BEGIN { print substr(123456, 2, 3), substr(3.14159, 1, 4) }
=== expected
234 3.14
=== peers
gawk-posix mawk original-awk
