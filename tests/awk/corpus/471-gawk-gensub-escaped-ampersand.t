=== about
gensub: "\\&" is a literal ampersand.
=== gawk-ext
=== program
BEGIN { print gensub(/and/, "\\&", "g", "this and that") }
=== expected
this & that
=== peers
gawk
