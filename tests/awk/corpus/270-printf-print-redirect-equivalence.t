=== about
printf does not append ORS; print does.
=== program
BEGIN { ORS = "<\n"; printf "%s", "no-ors"; print ""; print "with-ors" }
=== expected
no-ors<
with-ors<
=== peers
gawk-posix mawk original-awk
