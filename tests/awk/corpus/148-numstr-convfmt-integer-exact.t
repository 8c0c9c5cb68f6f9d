=== about
CONVFMT is not used for integral values: they become their integer text.
=== program
BEGIN { CONVFMT = "%.2f"; x = 42; y = 42.5; print (x ""), (y ""), length(x), length(y) }
=== expected
42 42.50 2 5
=== peers
gawk-posix mawk original-awk
