=== about
Non-integral start and length are rounded (POSIX: characters from round(m) to round(m+n)).
=== program
BEGIN { s = "abcdefgh"; print substr(s, 1.5, 2) "|" substr(s, 2.4, 2.6) "|" substr(s, 0.5) "|" substr(s, 1, 2.5) "|" substr(s, 2.5, 1.5) "|" }
=== expected
ab|bc|abcdefgh|ab|b|
=== peers
gawk-posix mawk original-awk
