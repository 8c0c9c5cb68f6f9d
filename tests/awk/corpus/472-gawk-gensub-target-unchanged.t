=== about
gensub never modifies its target argument.
=== gawk-ext
=== program
BEGIN { t = "hello"; u = gensub(/l/, "L", "g", t); print t, u }
=== expected
hello heLLo
=== peers
gawk
