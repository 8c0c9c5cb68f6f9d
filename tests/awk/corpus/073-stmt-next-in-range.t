=== about
next inside a range body still lets the range track its end.
=== program
/begin/,/end/ { if ($0 ~ /begin|end/) next; print "inside", $0; next }
{ print "outside", $0 }
=== stdin
a
begin
b
c
end
d
=== expected
outside a
inside b
inside c
outside d
=== peers
gawk-posix mawk original-awk
