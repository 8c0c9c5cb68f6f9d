=== about
An array with many elements (10000) keeps them all.
=== program
BEGIN { for (i = 0; i < 10000; i++) a[i] = i * 2; s = 0; n = 0; for (k in a) { s += a[k]; n++ } print n, s, a[9999] }
=== expected
10000 99990000 19998
=== peers
gawk-posix mawk original-awk
