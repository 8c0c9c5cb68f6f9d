=== about
~ and !~ with regex literals and dynamic regex strings.
=== program
BEGIN { re = "b+" }
{ print ($0 ~ /^a/), ($0 !~ /c$/), ($0 ~ re), ($0 ~ "^" $1 "$") }
=== stdin
abbc
xyz
ab
=== expected
1 0 1 1
0 1 0 1
1 1 1 1
=== peers
gawk-posix mawk original-awk
