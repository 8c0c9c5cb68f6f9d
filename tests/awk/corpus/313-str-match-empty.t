=== about
match of a regex that can match empty: the leftmost match may have length 0.
=== program
BEGIN { print match("abc", /x*/), RSTART, RLENGTH; print match("xxa", /x*/), RLENGTH; print match("", /^$/), RSTART, RLENGTH }
=== expected
1 1 0
1 2
1 1 0
=== peers
gawk-posix mawk original-awk
