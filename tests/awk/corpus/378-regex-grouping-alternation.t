=== about
Grouping with parentheses and alternation.
=== program
{ print ($0 ~ /^(cat|dog)s?$/) ? "pet" : "other" }
=== stdin
cat
dogs
cats
catdog
bird
=== expected
pet
pet
pet
other
other
=== peers
gawk-posix mawk original-awk
