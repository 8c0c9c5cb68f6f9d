=== about
length(array) returns the number of elements.
=== gawk-ext
=== program
BEGIN { n = split("a b c d e", arr); print length(arr); delete arr[1]; print length(arr); delete arr; print length(arr) }
=== expected
5
4
0
=== peers
gawk mawk original-awk
