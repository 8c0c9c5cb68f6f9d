=== about
A range pattern selects from a record matching the first to one matching the second, repeatedly.
=== program
/start/,/end/
=== stdin
a
start 1
b
end 1
c
start 2
d
end 2
e
=== expected
start 1
b
end 1
start 2
d
end 2
=== peers
gawk-posix mawk original-awk
