=== about
** and **= are synonyms of ^ and ^=.
=== gawk-ext
=== program
BEGIN { x = 2 ** 10; y = 3; y **= 2; print x, y, 2 ** 3 ** 2 }
=== expected
1024 9 512
=== peers
gawk original-awk
