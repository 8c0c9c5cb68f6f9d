=== about
A realistic validator: signed decimal numbers.
=== program
{ print $0, ($0 ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ ? "number" : "not") }
=== stdin
42
-3.5
.5
1e10
1.2.3
+
abc
=== expected
42 number
-3.5 number
.5 number
1e10 number
1.2.3 not
+ not
abc not
=== peers
gawk-posix mawk original-awk
