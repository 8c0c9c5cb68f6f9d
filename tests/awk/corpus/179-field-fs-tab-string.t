=== about
FS = "\t" set in the program; consecutive tabs give empty fields.
=== program
BEGIN { FS = "\t" }
{ print NF; for (i = 1; i <= NF; i++) printf "[%s]", $i; print "" }
=== stdin-raw
"a\t\tb c\t\n"
=== expected
4
[a][][b c][]
=== peers
gawk-posix mawk original-awk
