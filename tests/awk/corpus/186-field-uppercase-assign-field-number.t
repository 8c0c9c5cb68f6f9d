=== about
A non-integral number assigned to a field is converted with CONVFMT when $0 is rebuilt; integers stay exact.
=== program
BEGIN { CONVFMT = "%.2f"; OFMT = "%.4f" }
{ $2 = 3.14159265; $3 = 10; print }
=== stdin
a b c
=== expected
a 3.14 10
=== peers
gawk-posix mawk original-awk
