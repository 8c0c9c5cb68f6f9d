=== about
Escape sequences in the format string: \\, \", \/, octal \101.
=== program
BEGIN { printf "back\\slash \"q\" \101\102 end\n" }
=== expected
back\slash "q" AB end
=== peers
gawk-posix mawk original-awk
