=== about
A carriage return is an ordinary character at the end of a record.
=== program
{ print length($0), length($2) }
=== stdin-raw
"a b\r\n"
=== expected
4 2
=== peers
gawk-posix mawk original-awk
