=== about
Writing to several files at once, then closing them all.
=== program
BEGIN { for (i = 1; i <= 20; i++) print i > ("f" i); for (i = 1; i <= 20; i++) close("f" i); s = 0; for (i = 1; i <= 20; i++) { getline v < ("f" i); s += v } print s }
=== expected
210
=== peers
gawk-posix mawk original-awk
