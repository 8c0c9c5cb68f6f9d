=== about
OFS separates print arguments and ORS ends each print.
=== program
BEGIN { OFS = ":"; ORS = "|\n" }
{ print $1, $2, $3 }
END { ORS = "\n"; print "end" }
=== stdin
1 2 3
4 5 6
=== expected
1:2:3|
4:5:6|
end
=== peers
gawk-posix mawk original-awk
