=== about
The 0 flag pads numbers with zeros; it is ignored with - and with a precision for %d.
=== program
BEGIN { printf "[%05d][%05.1f][%-05d][%08.3e][%05x][%06d]\n", 42, 3.14159, 42, 1234.5, 255, -42 }
=== expected
[00042][003.1][42   ][1.234e+03][000ff][-00042]
=== peers
gawk-posix mawk original-awk
