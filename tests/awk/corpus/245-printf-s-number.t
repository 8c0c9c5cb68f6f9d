=== about
%s of a number converts it with CONVFMT (integers exactly).
=== program
BEGIN { CONVFMT = "%.3g"; printf "%s %s %s\n", 3.14159, 100, 1/3 }
=== expected
3.14 100 0.333
=== peers
gawk-posix mawk original-awk
