=== about
FS = "[ ]" splits on every single space, keeping empty fields.
=== program
BEGIN { FS = "[ ]" }
{ print NF; for (i = 1; i <= NF; i++) printf "(%s)", $i; print "" }
=== stdin
 a  b 
=== expected
5
()(a)()(b)()
=== peers
gawk-posix mawk original-awk
