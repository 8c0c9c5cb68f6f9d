=== about
A single-character FS other than space splits at every occurrence; empty fields are kept.
=== program
BEGIN { FS = ":" }
{ printf "%d:", NF; for (i = 1; i <= NF; i++) printf " [%s]", $i; print "" }
=== stdin
a:b:c
:x::
 sp : ace 
nocolon
=== expected
3: [a] [b] [c]
4: [] [x] [] []
2: [ sp ] [ ace ]
1: [nocolon]
=== peers
gawk-posix mawk original-awk
