=== about
Matching is case-sensitive.
=== program
{ print ($0 ~ /abc/), ($0 ~ /[Aa][Bb][Cc]/) }
=== stdin
ABC
abc
=== expected
0 1
1 1
=== peers
gawk-posix mawk original-awk
