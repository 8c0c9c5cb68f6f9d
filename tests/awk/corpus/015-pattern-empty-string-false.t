=== about
A string-valued pattern is true when non-empty; the field "0" is numeric zero, so false.
=== program
$1
=== stdin
0
0.0
abc
 
00x
-0
+0
.0e1
=== expected
abc
00x
=== peers
gawk-posix mawk original-awk
