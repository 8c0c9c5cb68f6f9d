=== about
sprintf building a long string with width.
=== program
BEGIN { s = sprintf("%1000s", "x"); print length(s), substr(s, 995) }
=== expected
1000      x
=== peers
gawk-posix mawk original-awk
