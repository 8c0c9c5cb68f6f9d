=== about
Printing the lines strictly between two markers using a flag.
=== program
/^END$/ { f = 0 }
f
/^BEGIN$/ { f = 1 }
=== stdin
x
BEGIN
inside 1
inside 2
END
y
=== expected
inside 1
inside 2
=== peers
gawk-posix mawk original-awk
