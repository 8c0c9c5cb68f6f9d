=== about
Inside brackets, . * + ? $ ( ) are literal.
=== program
{ n = gsub(/[.*+?$()]/, "#"); print n, $0 }
=== stdin
a.b*c+d?e$f(g)
=== expected
7 a#b#c#d#e#f#g#
=== peers
gawk-posix mawk original-awk
