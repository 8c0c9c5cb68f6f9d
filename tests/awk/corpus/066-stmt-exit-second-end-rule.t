=== about
exit in one END rule skips the following END rules.
=== program
END { print "first" ; exit }
END { print "second" }
=== expected
first
=== peers
gawk-posix mawk original-awk
