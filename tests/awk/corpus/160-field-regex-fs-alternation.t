=== about
A regex FS with alternation and repetition.
=== program
BEGIN { FS = "--+|==" }
{ print NF ": " $1 "|" $2 "|" $3 }
=== stdin
a--b==c
x-y---z
=== expected
3: a|b|c
2: x-y|z|
=== peers
gawk-posix mawk original-awk
