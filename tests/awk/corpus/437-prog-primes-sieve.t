=== about
Sieve of Eratosthenes up to 100.
=== program
BEGIN {
  n = 100
  for (i = 2; i <= n; i++) p[i] = 1
  for (i = 2; i * i <= n; i++) if (p[i]) for (j = i * i; j <= n; j += i) p[j] = 0
  c = 0; out = ""
  for (i = 2; i <= n; i++) if (p[i]) { c++; out = out (out == "" ? "" : " ") i }
  print c; print out
}
=== expected
25
2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59 61 67 71 73 79 83 89 97
=== peers
gawk-posix mawk original-awk
