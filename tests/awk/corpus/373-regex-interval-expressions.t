=== about
Interval expressions {n}, {n,} and {n,m} (POSIX EREs; gawk and onetrue awk support them, this mawk does not).
=== program
{ print ($0 ~ /^a{3}$/), ($0 ~ /^a{2,}$/), ($0 ~ /^a{1,2}$/), ($0 ~ /^(ab){2}$/) }
=== stdin
aaa
aa
a
abab
=== expected
1 1 0 0
0 1 1 0
0 0 1 0
0 0 0 1
=== peers
ours: see docs/awk-compat.md#regex-intervals
