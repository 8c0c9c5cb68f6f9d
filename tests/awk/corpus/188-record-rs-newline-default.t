=== about
The default RS is newline; a final record without a newline is still read.
=== program
{ print NR ": " $0 }
=== stdin-raw
"first\nsecond\nno newline at end"
=== expected
1: first
2: second
3: no newline at end
=== peers
gawk-posix mawk original-awk
