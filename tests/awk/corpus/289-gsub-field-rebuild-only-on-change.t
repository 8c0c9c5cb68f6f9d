=== about
gsub on $0 re-splits the fields.
=== program
{ gsub(/,/, " "); print NF, $3 }
=== stdin
a,b,c,d
=== expected
4 c
=== peers
gawk-posix mawk original-awk
