=== about
In paragraph mode newline always separates fields, in addition to FS.
=== program
BEGIN { RS = ""; FS = ":" }
{ for (i = 1; i <= NF; i++) printf "<%s>", $i; print "" }
=== stdin
a:b
c d:e

f
=== expected
<a><b><c d><e>
<f>
=== peers
ours: see docs/awk-compat.md#paragraph-newline
