=== about
An insertion sort of numbers inside awk (no external sort).
=== program
{ a[NR] = $1 }
END {
  for (i = 2; i <= NR; i++) { v = a[i]; j = i - 1; while (j > 0 && a[j] > v) { a[j + 1] = a[j]; j-- } a[j + 1] = v }
  for (i = 1; i <= NR; i++) printf "%s%s", a[i], (i < NR ? " " : "\n")
}
=== stdin
30
4
100
-2
4.5
=== expected
-2 4 4.5 30 100
=== peers
gawk-posix mawk original-awk
