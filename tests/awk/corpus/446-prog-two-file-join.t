=== about
Joining two files on a key, reporting unmatched keys.
=== program
FNR == NR { name[$1] = $2; next }
{ if ($1 in name) print $1, name[$1], $2; else print $1, "?", $2; used[$1] }
END { for (k in name) if (!(k in used)) print "unused", k | "sort"; close("sort") }
=== operands
names.txt scores.txt
=== file names.txt
1 ann
2 bob
3 cid
=== file scores.txt
2 90
4 70
1 85
=== expected
2 bob 90
4 ? 70
1 ann 85
unused 3
=== peers
gawk-posix mawk original-awk
