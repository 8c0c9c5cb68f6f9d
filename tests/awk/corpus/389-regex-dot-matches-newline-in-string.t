=== about
In a string containing a newline, . matches the newline (awk regexes are not line-based).
=== program
BEGIN { s = "a\nb"; print (s ~ /a.b/), (s ~ /^b/), (s ~ /a$/) }
=== expected
1 0 0
=== peers
gawk-posix mawk original-awk
