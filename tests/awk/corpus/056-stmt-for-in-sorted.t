=== about
for-in output sorted through the sort command.
=== program
{ count[$1]++ }
END { for (w in count) print w, count[w] | "sort"; close("sort"); print "done" }
=== stdin
b
a
c
a
b
a
=== expected
a 3
b 2
c 1
done
=== peers
gawk-posix mawk original-awk
