=== about
Replacement strings containing regex-special characters are literal.
=== program
{ gsub(/a/, ".*[]$^"); print }
=== stdin
xay
=== expected
x.*[]$^y
=== peers
gawk-posix mawk original-awk
