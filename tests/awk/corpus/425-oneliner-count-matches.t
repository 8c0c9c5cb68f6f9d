=== about
Counting lines that match a pattern.
=== inline
=== program
/error/ { n++ }
END { print n + 0, "errors" }
=== stdin
ok
error: disk
ok
error: net
=== expected
2 errors
=== peers
gawk-posix mawk original-awk
