=== about
rand returns values in [0, 1); checked over many calls (properties only).
=== program
BEGIN { srand(1); ok = 1; for (i = 0; i < 2000; i++) { r = rand(); if (r < 0 || r >= 1) ok = 0; s += r } print ok, (s / 2000 > 0.4 && s / 2000 < 0.6) }
=== expected
1 1
=== peers
gawk-posix mawk original-awk
