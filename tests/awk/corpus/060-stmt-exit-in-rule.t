=== about
exit in a rule stops reading input but still runs END.
=== program
{ print; if ($1 == "stop") exit }
END { print "end after", NR }
=== stdin
a
stop
b
c
=== expected
a
stop
end after 2
=== peers
gawk-posix mawk original-awk
