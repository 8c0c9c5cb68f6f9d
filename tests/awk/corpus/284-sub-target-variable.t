=== about
sub and gsub on a variable change only that variable.
=== program
BEGIN { s = "hello world"; n = gsub(/o/, "0", s); print n, s; t = "aaa"; sub(/a/, "b", t); print t }
=== expected
2 hell0 w0rld
baa
=== peers
gawk-posix mawk original-awk
