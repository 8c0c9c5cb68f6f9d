=== about
Fields that look numeric compare numerically; "1.0" == "1" as fields, not as constants.
=== program
{ print ($1 == $2) ? "equal" : "different" }
END { print ("1.0" == "1") ? "const equal" : "const different" }
=== stdin
1.0 1
1e2 100
abc abc
010 10
0x1A 26
+5 5
.5 0.50
=== expected
equal
equal
equal
equal
different
equal
equal
const different
=== peers
ours: see docs/awk-compat.md#hex-strings
