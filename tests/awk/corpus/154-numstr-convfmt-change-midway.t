=== about
Changing CONVFMT affects later conversions.
=== program
BEGIN { x = 1.23456789; CONVFMT = "%.2f"; a = x ""; CONVFMT = "%.4f"; b = x ""; print a, b }
=== expected
1.23 1.2346
=== peers
gawk-posix mawk original-awk
