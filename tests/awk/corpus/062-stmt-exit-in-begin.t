=== about
exit in BEGIN skips the input but END still runs.
=== program
BEGIN { print "begin"; exit 4; print "not reached" }
{ print "record", $0 }
END { print "end", NR }
=== stdin
a
b
=== expected
begin
end 0
=== exit 4
=== peers
gawk-posix mawk original-awk
