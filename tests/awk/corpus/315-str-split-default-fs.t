=== about
split without a separator uses FS (default: blanks, trimming).
=== program
BEGIN { n = split("  one two\tthree  ", a); print n, a[1], a[2], a[3] }
=== expected
3 one two three
=== peers
gawk-posix mawk original-awk
