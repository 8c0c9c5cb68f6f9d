=== about
Re-flowing words into lines of at most 20 characters.
=== program
{ for (i = 1; i <= NF; i++) { w = $i; if (line == "") line = w; else if (length(line) + 1 + length(w) <= 20) line = line " " w; else { print line; line = w } } }
END { if (line != "") print line }
=== stdin
The quick brown fox jumps over the lazy dog and keeps
running far away into the distance
=== expected
The quick brown fox
jumps over the lazy
dog and keeps
running far away
into the distance
=== peers
gawk-posix mawk original-awk
