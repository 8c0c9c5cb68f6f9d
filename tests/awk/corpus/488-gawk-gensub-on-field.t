=== about
gensub on a field (third argument $2) and on $0 by default.
=== gawk-ext
=== program
{ print gensub(/a/, "A", "g", $2) "|" $0 }
=== stdin
banana cabana
=== expected
cAbAnA|banana cabana
=== peers
gawk
