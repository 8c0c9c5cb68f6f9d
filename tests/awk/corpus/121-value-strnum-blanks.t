=== about
Leading and trailing blanks are allowed in a numeric string (from split with a non-blank separator).
=== program
{ n = split($0, f, ","); for (i = 2; i <= n; i++) printf "%s ", (f[1] == f[i]) ? "num" : "str"; print "" }
=== stdin
1000, +1e3 ,1e3,  1000  ,1000x
5,5.,+5.0, 05 ,5 5
=== expected
num num num str 
num num num str 
=== peers
gawk-posix mawk original-awk
