=== about
RS set to a single character splits records at that character; newlines become ordinary.
=== program
BEGIN { RS = ";" }
{ printf "%d[%s]\n", NR, $0 }
=== stdin
a;b c;d
e;
=== expected
1[a]
2[b c]
3[d
e]
4[
]
=== peers
gawk-posix mawk original-awk
