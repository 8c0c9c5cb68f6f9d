=== about
getline < file sets $0 and NF but not NR or FNR.
=== program
NR == 1 { while ((getline < "data.txt") > 0) print "got", $0, NF, NR, FNR; print "back", NR }
=== stdin
x
=== file data.txt
1 2
3 4 5
=== expected
got 1 2 2 1 1
got 3 4 5 3 1 1
back 1
=== peers
gawk-posix mawk original-awk
