=== about
printf with only a format prints it, with escape sequences interpreted.
=== program
BEGIN { printf "tab\there\nnew line\n" }
=== expected
tab	here
new line
=== peers
gawk-posix mawk original-awk
