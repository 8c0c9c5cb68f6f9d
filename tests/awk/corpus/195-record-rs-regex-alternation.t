=== about
A regex RS with alternation separates records at either string (not POSIX; gawk, mawk, onetrue awk).
=== gawk-ext
=== program
BEGIN { RS = "--|;;" }
{ print NR ": " $0 }
=== stdin-raw
"a--b;;c"
=== expected
1: a
2: b
3: c
=== peers
gawk mawk original-awk
