=== about
sub replaces the first match in $0 and returns 1; 0 when nothing matches.
=== program
{ n = sub(/o/, "0"); print n, $0 }
=== stdin
foo boo
xyz
=== expected
1 f0o boo
0 xyz
=== peers
gawk-posix mawk original-awk
