=== about
gensub with "g" replaces all matches and returns the result without changing the target.
=== gawk-ext
=== program
{ r = gensub(/o/, "0", "g"); print r; print $0 }
=== stdin
foo boo
=== expected
f00 b00
foo boo
=== peers
gawk
