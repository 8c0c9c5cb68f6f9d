=== about
$0 can be assigned in END and is split into fields.
=== program
END { $0 = "last words here"; print NF, $2 }
=== stdin
x
=== expected
3 words
=== peers
gawk-posix mawk original-awk
