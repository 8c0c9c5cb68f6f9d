=== about
Repetition operators +, * and ?.
=== program
{ print ($0 ~ /^ab+c$/), ($0 ~ /^ab*c$/), ($0 ~ /^ab?c$/) }
=== stdin
ac
abc
abbc
=== expected
0 1 1
1 1 1
1 1 0
=== peers
gawk-posix mawk original-awk
