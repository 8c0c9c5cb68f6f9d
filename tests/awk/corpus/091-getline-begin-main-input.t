=== about
Plain getline in BEGIN reads the first record of the main input.
=== program
BEGIN { getline; print "begin saw", $0, NR }
{ print "rule", $0, NR }
=== stdin
r1
r2
=== expected
begin saw r1 1
rule r2 2
=== peers
gawk-posix mawk original-awk
