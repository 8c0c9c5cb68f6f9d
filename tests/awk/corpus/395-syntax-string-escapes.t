=== about
String escapes: \n \t \\ \" \/ and octal.
=== program
BEGIN { s = "a\tb\\c\"d\/e\101\060"; print s; print length(s) }
=== expected
a	b\c"d/eA0
11
=== peers
ours: see docs/awk-compat.md#string-escape-slash
