=== about
-v FS=... sets the separator before the first record.
=== options
-v FS=;
=== program
{ print $2 }
=== stdin
a;b;c
=== expected
b
=== peers
gawk-posix mawk original-awk
