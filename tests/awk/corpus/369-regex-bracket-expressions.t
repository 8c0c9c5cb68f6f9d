=== about
Bracket expressions: ranges, negation, a literal ] first and - last.
=== program
{ printf "%s:", $0; printf " %d", /^[a-c]+$/; printf " %d", /[^0-9]/; printf " %d", /[]x]/; printf " %d\n", /[a-]z/ }
=== stdin
abc
123
]
-z
=== expected
abc: 1 1 0 0
123: 0 0 0 0
]: 0 1 1 0
-z: 0 1 0 1
=== peers
gawk-posix mawk original-awk
