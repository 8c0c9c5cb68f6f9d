=== about
$(0) is the whole record, and $(expr) evaluates the expression.
=== program
{ print $(0); i = 1; print $(i + 1), $(NF), $(NF - 1) }
=== stdin
alpha beta gamma
=== expected
alpha beta gamma
beta gamma beta
=== peers
gawk-posix mawk original-awk
