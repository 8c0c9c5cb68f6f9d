=== about
substr with a length beyond the end returns the rest; a start beyond the end returns "".
=== program
BEGIN { s = "abc"; print substr(s, 2, 100) "|" substr(s, 4, 1) "|" substr(s, 100) "|" }
=== expected
bc|||
=== peers
gawk-posix mawk original-awk
