=== about
Default FS splits on runs of blanks and tabs and ignores leading and trailing ones.
=== program
{ printf "%d:", NF; for (i = 1; i <= NF; i++) printf " [%s]", $i; print "" }
=== stdin-raw
"  a   b\t\tc  \n\t x \t\n\n   \none\n"
=== expected
3: [a] [b] [c]
1: [x]
0:
0:
1: [one]
=== peers
gawk-posix mawk original-awk
