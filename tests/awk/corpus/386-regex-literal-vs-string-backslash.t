=== about
The same pattern as a regex literal and as a string needs doubled backslashes in the string.
=== program
{ print ($0 ~ /\+/), ($0 ~ "\\+"), ($0 ~ "[+]") }
=== stdin
1+1
11
=== expected
1 1 1
0 0 0
=== peers
gawk-posix mawk original-awk
