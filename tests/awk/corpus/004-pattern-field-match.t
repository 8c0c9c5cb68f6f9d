=== about
A pattern can match a regex against a single field with ~ and !~.
=== program
$2 ~ /^[0-9]+$/ { print "num", $1 }
$2 !~ /^[0-9]+$/ { print "str", $1 }
=== stdin
a 12
b 1x
c 007
d
=== expected
num a
str b
num c
str d
=== peers
gawk-posix mawk original-awk
