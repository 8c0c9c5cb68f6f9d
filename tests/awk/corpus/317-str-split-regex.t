=== about
split with a regex separator (literal and string).
=== program
BEGIN { n = split("a1b22c333d", a, /[0-9]+/); print n, a[1] a[2] a[3] a[4]; m = split("x, y,z", b, ", *"); print m, b[1] b[2] b[3] }
=== expected
4 abcd
3 xyz
=== peers
gawk-posix mawk original-awk
