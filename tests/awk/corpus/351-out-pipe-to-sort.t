=== about
print | "sort" collects output; close waits for the command, so its output comes before later prints.
=== program
{ print $0 | "sort -n" }
END { close("sort -n"); print "after sort" }
=== stdin
10
2
33
1
=== expected
1
2
10
33
after sort
=== peers
gawk-posix mawk original-awk
