=== about
print > file truncates the file on first use, then appends for the rest of the run.
=== program
{ print $0 > "out.txt" }
END { print "done" }
=== stdin
one
two
three
=== file out.txt
old content that must disappear
=== expected
done
=== expect-file out.txt
one
two
three
=== peers
gawk-posix mawk original-awk
