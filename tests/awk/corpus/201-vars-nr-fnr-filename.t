=== about
NR counts across files, FNR restarts per file, FILENAME names the current file.
=== program
{ print FILENAME, NR, FNR, $0 }
END { print "total", NR, FNR }
=== operands
one.txt two.txt
=== file one.txt
a
b
=== file two.txt
c
d
e
=== expected
one.txt 1 1 a
one.txt 2 2 b
two.txt 3 1 c
two.txt 4 2 d
two.txt 5 3 e
total 5 3
=== peers
gawk-posix mawk original-awk
