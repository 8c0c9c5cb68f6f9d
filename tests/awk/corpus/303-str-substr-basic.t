=== about
substr with start and length, and with only a start.
=== program
BEGIN { s = "hello world"; print substr(s, 1, 5) "|" substr(s, 7) "|" substr(s, 5, 3) "|" substr(s, 11) "|" substr(s, 12) "|" }
=== expected
hello|world|o w|d||
=== peers
gawk-posix mawk original-awk
