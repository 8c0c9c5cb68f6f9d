=== about
Deleting elements of an array parameter in a function affects the caller.
=== program
function clear(arr,   k) { for (k in arr) delete arr[k] }
BEGIN { x[1]; x[2]; clear(x); n = 0; for (k in x) n++; print n }
=== expected
0
=== peers
gawk-posix mawk original-awk
