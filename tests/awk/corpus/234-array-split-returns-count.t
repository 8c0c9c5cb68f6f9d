=== about
split clears the target array first and returns the element count.
=== program
BEGIN { a["old"] = 1; n = split("p q r", a); print n, ("old" in a), a[1] a[2] a[3] }
=== expected
3 0 pqr
=== peers
gawk-posix mawk original-awk
