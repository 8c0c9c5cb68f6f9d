=== about
& in the replacement stands for the matched text.
=== program
{ gsub(/[0-9]+/, "<&>"); print }
=== stdin
a1b22c333
=== expected
a<1>b<22>c<333>
=== peers
gawk-posix mawk original-awk
