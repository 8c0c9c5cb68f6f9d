=== about
Several BEGIN and END rules run in program order.
=== program
BEGIN { print "begin 1" }
END { print "end 1" }
BEGIN { print "begin 2" }
{ print "record", $0 }
END { print "end 2", NR }
=== stdin
x
y
=== expected
begin 1
begin 2
record x
record y
end 1
end 2 2
=== peers
gawk-posix mawk original-awk
