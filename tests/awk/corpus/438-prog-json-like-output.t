=== about
Emitting JSON-like records with escaped quotes.
=== program
function esc(s) { gsub(/"/, "\\\"", s); return s }
BEGIN { FS = "\t"; printf "[" }
{ printf "%s{\"name\": \"%s\", \"n\": %d}", (NR > 1 ? ", " : ""), esc($1), $2 }
END { print "]" }
=== stdin-raw
"plain\t1\nhas \"quote\"\t2\n"
=== expected
[{"name": "plain", "n": 1}, {"name": "has \"quote\"", "n": 2}]
=== peers
gawk-posix mawk original-awk
