=== about
-F '\t' sets a tab separator; spaces are then ordinary characters.
=== options
-F '\t'
=== inline
=== program
{ print NF, "[" $2 "]" }
=== stdin-raw
"a b\tc d\t\te\n\tlead\n"
=== expected
4 [c d]
2 [lead]
=== peers
gawk-posix mawk original-awk
