=== about
An FS longer than one character is a regular expression.
=== program
BEGIN { FS = "[,;] *" }
{ printf "%d", NF; for (i = 1; i <= NF; i++) printf " <%s>", $i; print "" }
=== stdin
a, b;c ;d
x;;  y
=== expected
4 <a> <b> <c > <d>
3 <x> <> <y>
=== peers
gawk-posix mawk original-awk
