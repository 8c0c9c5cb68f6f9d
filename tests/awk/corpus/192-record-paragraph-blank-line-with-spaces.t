=== about
In paragraph mode a run of several empty lines is one separator.
=== program
BEGIN { RS = "" }
{ print NR ": " NF }
=== stdin-raw
"a\n\nb\nc\n\n\n\nd e f\n"
=== expected
1: 1
2: 2
3: 3
=== peers
gawk-posix mawk original-awk
