=== about
With the default RS, empty lines are empty records with NF 0.
=== program
{ print NR, NF }
=== stdin-raw
"a\n\n\nb c\n"
=== expected
1 1
2 0
3 0
4 2
=== peers
gawk-posix mawk original-awk
