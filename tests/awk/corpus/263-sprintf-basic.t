=== about
sprintf returns the formatted string.
=== program
BEGIN { s = sprintf("%05.2f|%-4s|%x", 3.14159, "ab", 26); print s, length(s) }
=== expected
03.14|ab  |1a 13
=== peers
gawk-posix mawk original-awk
