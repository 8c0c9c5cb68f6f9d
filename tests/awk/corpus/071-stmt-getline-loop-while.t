=== about
while ((getline line) > 0) reads the rest of the input in a rule.
=== program
NR == 1 { hdr = $0; while ((getline line) > 0) n++; print hdr, n, NR }
END { print "end", NR }
=== stdin
header
a
b
c
=== expected
header 3 4
end 4
=== peers
gawk-posix mawk original-awk
