=== about
split without a third argument uses the current FS.
=== program
BEGIN { FS = "-" ; n = split("p-q-r", a); print n, a[2] }
=== expected
3 q
=== peers
gawk-posix mawk original-awk
