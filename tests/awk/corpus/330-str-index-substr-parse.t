=== about
Splitting key=value pairs with index and substr.
=== program
{ p = index($0, "="); if (p) print substr($0, 1, p - 1) " -> " substr($0, p + 1); else print "no '=' in", $0 }
=== stdin
name=value
a=b=c
plain
=== expected
name -> value
a -> b=c
no '=' in plain
=== peers
gawk-posix mawk original-awk
