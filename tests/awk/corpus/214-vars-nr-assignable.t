=== about
NR and FNR may be assigned; counting continues from the new value.
=== program
NR == 2 { NR = 10; FNR = 20 }
{ print NR, FNR }
=== stdin
a
b
c
d
=== expected
1 1
10 20
11 21
12 22
=== peers
gawk-posix mawk original-awk
