=== about
sub on a numeric variable converts it to a string first.
=== program
BEGIN { x = 3.5; sub(/\./, ",", x); print x; y = 1000; gsub(/0/, "o", y); print y }
=== expected
3,5
1ooo
=== peers
gawk-posix mawk original-awk
