=== about
gensub with a number replaces only that occurrence.
=== gawk-ext
=== program
BEGIN { s = "a-b-c-d"; print gensub(/-/, "+", 2, s), gensub(/-/, "+", 3, s), gensub(/-/, "+", 9, s) }
=== expected
a-b+c-d a-b-c+d a-b-c-d
=== peers
gawk
