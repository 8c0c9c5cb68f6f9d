=== about
Concatenation converts numbers with CONVFMT, not OFMT.
=== program
BEGIN { CONVFMT = "%.3f"; OFMT = "%.1f"; x = 2.718281828; s = x ""; print s; print x; print (x " units") }
=== expected
2.718
2.7
2.718 units
=== peers
gawk-posix mawk original-awk
