=== about
A recursive quicksort on an array passed by reference.
=== program
function qsort(A, lo, hi,   i, last, t) {
  if (lo >= hi) return
  last = lo
  for (i = lo + 1; i <= hi; i++)
    if (A[i] < A[lo]) { t = A[++last]; A[last] = A[i]; A[i] = t }
  t = A[lo]; A[lo] = A[last]; A[last] = t
  qsort(A, lo, last - 1); qsort(A, last + 1, hi)
}
{ for (i = 1; i <= NF; i++) v[i] = $i; qsort(v, 1, NF); s = ""; for (i = 1; i <= NF; i++) s = s v[i] " "; print s }
=== stdin
5 3 9 1 7 2 8
10 9 100 1
=== expected
1 2 3 5 7 8 9 
1 9 10 100 
=== peers
gawk-posix mawk original-awk
