=== about
A # inside a string or regex is not a comment.
=== program
{ gsub(/#/, "[hash]"); print "# not a comment:", $0 }
=== stdin
a#b
=== expected
# not a comment: a[hash]b
=== peers
gawk-posix mawk original-awk
