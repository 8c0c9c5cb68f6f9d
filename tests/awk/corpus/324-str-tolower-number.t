=== about
tolower of a number returns its string form.
=== program
BEGIN { x = tolower(1e3); print x, length(x), toupper("mixed 1.5e") }
=== expected
1000 4 MIXED 1.5E
=== peers
gawk-posix mawk original-awk
