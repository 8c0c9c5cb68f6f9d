=== about
printf > "/dev/stderr" writes to standard error, not standard output.
=== program
BEGIN { printf "to stderr\n" > "/dev/stderr"; print "to stdout" }
=== expected
to stdout
=== stderr-contains
to stderr
=== peers
gawk-posix mawk original-awk
