=== about
Assigning $0 re-splits it into fields with the current FS.
=== program
{ $0 = "x y z"; print NF, $2; FS = ","; $0 = "p,q"; print NF, $2 }
=== stdin
a
=== expected
3 y
2 q
=== peers
gawk-posix mawk original-awk
