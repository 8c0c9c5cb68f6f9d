=== about
getline can store into an array element.
=== program
BEGIN { r = getline a["k"] < "w.txt"; print r, a["k"]; getline a[2] < "w.txt"; print a[2] }
=== file w.txt
one
two
=== expected
1 one
two
=== peers
gawk-posix mawk original-awk
