=== about
!/re/ selects the records that do not match.
=== program
!/^#/
=== stdin
# comment
code 1
#another
code 2
=== expected
code 1
code 2
=== peers
gawk-posix mawk original-awk
