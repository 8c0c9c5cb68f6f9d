=== about
FS = "" splits each character into its own field (gawk, mawk, onetrue awk; unspecified by POSIX).
=== gawk-ext
=== program
BEGIN { FS = "" }
{ print NF; for (i = 1; i <= NF; i++) printf "%s,", $i; print "" }
=== stdin
hello
a b
=== expected
5
h,e,l,l,o,
3
a, ,b,
=== peers
gawk mawk original-awk
