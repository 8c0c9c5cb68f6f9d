=== about
printf > file.
=== program
{ printf "%s=%d\n", $1, $2 * 2 > "calc.txt" }
=== stdin
x 1
y 2
=== expected
=== expect-file calc.txt
x=2
y=4
=== peers
gawk-posix mawk original-awk
