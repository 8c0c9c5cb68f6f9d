=== about
Negative and fractional numeric subscripts.
=== program
BEGIN { a[-1] = "neg"; a[0.5] = "half"; a[1e3] = "k"; print a["-1"], a["0.5"], a["1000"] }
=== expected
neg half k
=== peers
gawk-posix mawk original-awk
