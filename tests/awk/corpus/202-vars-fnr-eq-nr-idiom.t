=== about
The NR == FNR idiom: load the first file, then filter the second.
=== program
NR == FNR { keep[$1]; next }
$1 in keep { print }
=== operands
keys.txt data.txt
=== file keys.txt
b
d
=== file data.txt
a 1
b 2
c 3
d 4
=== expected
b 2
d 4
=== peers
gawk-posix mawk original-awk
