=== about
delete arr then length(arr) is 0 and the array is reusable.
=== gawk-ext
=== program
BEGIN { a[1]; a[2]; delete a; print length(a); a["k"] = 1; print length(a) }
=== expected
0
1
=== peers
gawk mawk original-awk
