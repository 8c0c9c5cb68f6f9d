=== about
sprintf with too few arguments is fatal as well.
=== program
BEGIN { s = sprintf("%d-%d", 1); print s }
=== exit 2
=== peers
gawk-posix mawk original-awk
