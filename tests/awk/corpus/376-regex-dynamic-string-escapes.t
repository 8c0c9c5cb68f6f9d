=== about
A dynamic regex from a string: "\\." is a literal dot, "\\$" a literal dollar.
=== program
BEGIN { dot = "\\."; dollar = "\\$" }
{ print ($0 ~ dot), ($0 ~ dollar), ($0 ~ "^[0-9]+" dot) }
=== stdin
3.50
$5
12x
=== expected
1 0 1
0 1 0
0 0 0
=== peers
gawk-posix mawk original-awk
