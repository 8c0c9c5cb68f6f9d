=== about
Setting FS in BEGIN affects the first record.
=== program
BEGIN { FS = "," }
{ print $2 }
=== stdin
1,2,3
=== expected
2
=== peers
gawk-posix mawk original-awk
