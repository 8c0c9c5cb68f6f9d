=== about
ARGV elements can be replaced in BEGIN to choose a different file.
=== program
BEGIN { ARGV[1] = "real" }
{ print }
=== operands
placeholder
=== file real
real content
=== expected
real content
=== peers
gawk-posix mawk original-awk
