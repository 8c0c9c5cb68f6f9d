=== about
%c of a number above 127 prints one byte with that value (C locale); 256+65 prints its low byte.
=== program
BEGIN { printf "%c%c", 200, 321; printf "\n" }
=== expected-raw
b'\xc8A\n'
=== peers
gawk-posix mawk original-awk
