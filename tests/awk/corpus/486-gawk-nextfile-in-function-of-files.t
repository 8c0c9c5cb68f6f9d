=== about
nextfile with several files: only the first line of each file.
=== gawk-ext
=== program
{ print FILENAME ":" $0; nextfile }
END { print NR }
=== operands
a b c
=== file a
a1
a2
=== file b
b1
=== file c
c1
c2
c3
=== expected
a:a1
b:b1
c:c1
3
=== peers
gawk mawk original-awk
