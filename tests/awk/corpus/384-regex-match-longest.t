=== about
Alternation uses leftmost-longest matching in match().
=== program
BEGIN { match("xabcd", /ab|abcd|a/); print RSTART, RLENGTH; match("xyyyz", /y|yy|yyy/); print RSTART, RLENGTH }
=== expected
2 4
2 3
=== peers
gawk-posix mawk original-awk
