=== about
FS = "." (single char) splits on a literal dot.
=== program
BEGIN { FS = "." }
{ print $1 "-" $2 "-" $3, NF }
=== stdin
192.168.0.1
=== expected
192-168-0 4
=== peers
gawk-posix mawk original-awk
