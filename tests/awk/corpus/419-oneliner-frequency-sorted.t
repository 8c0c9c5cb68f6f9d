=== about
Word frequency count sorted by count then word through sort.
=== program
{ for (i = 1; i <= NF; i++) freq[tolower($i)]++ }
END { for (w in freq) printf "%d %s\n", freq[w], w | "sort -k1,1nr -k2"; close("sort -k1,1nr -k2") }
=== stdin
The cat and the dog
and THE bird
=== expected
3 the
2 and
1 bird
1 cat
1 dog
=== peers
gawk-posix mawk original-awk
