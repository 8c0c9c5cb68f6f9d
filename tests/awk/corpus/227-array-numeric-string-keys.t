=== about
Keys from numeric fields are their text: "01" and "1" are different keys.
=== program
{ a[$1] = NR }
END { print a["01"], a["1"], a[1] }
=== stdin
01
1
=== expected
1 2 2
=== peers
gawk-posix mawk original-awk
