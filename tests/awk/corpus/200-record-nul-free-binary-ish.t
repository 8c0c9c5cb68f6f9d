=== about
Bytes above 127 pass through unchanged and count as one character each in the C locale.
=== program
{ print length($0), $2 }
=== stdin-raw
b"caf\xc3\xa9 \xff\xfe\n"
=== expected-raw
b'8 \xff\xfe\n'
=== peers
gawk-posix mawk original-awk
