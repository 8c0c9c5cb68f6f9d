=== about
Arrays are passed by reference: the function's changes are visible to the caller.
=== program
function fill(arr, n,   i) { for (i = 1; i <= n; i++) arr[i] = i * i }
function total(arr,   k, s) { for (k in arr) s += arr[k]; return s }
BEGIN { fill(sq, 4); print sq[3], total(sq) }
=== expected
9 30
=== peers
gawk-posix mawk original-awk
