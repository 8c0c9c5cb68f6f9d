=== about
In the replacement, two backslashes (the string "\\\\") give one literal backslash (POSIX; gawk, mawk).
=== program
{ gsub(/\//, "\\\\"); print }
=== stdin
a/b/c
=== expected
a\b\c
=== peers
ours: see docs/awk-compat.md#sub-backslashes
