=== about
A regex FS splits at each match; a separator at the start gives an empty first field.
=== program
BEGIN { FS = "x+" }
{ print NF; for (i = 1; i <= NF; i++) printf "[%s]", $i; print "" }
=== stdin
xxaxbxxx
=== expected
4
[][a][b][]
=== peers
gawk-posix mawk original-awk
