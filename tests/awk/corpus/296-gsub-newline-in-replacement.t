=== about
Replacement text can contain a newline.
=== program
{ gsub(/;/, "\n"); print }
=== stdin
a;b;c
=== expected
a
b
c
=== peers
gawk-posix mawk original-awk
