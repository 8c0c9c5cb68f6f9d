=== about
Plain getline reads the next record into $0 and updates NF, NR and FNR.
=== program
NR == 1 { print "before", $0, NF, NR, FNR; r = getline; print "after", r, $0, NF, NR, FNR }
END { print "end", NR }
=== stdin
a b
c d e
f
=== expected
before a b 2 1 1
after 1 c d e 3 2 2
end 3
=== peers
gawk-posix mawk original-awk
