=== about
"\\\\&" gives a literal backslash followed by the matched text.
=== program
{ sub(/b+/, "\\\\&"); print }
=== stdin
abbbc
=== expected
a\bbbc
=== peers
gawk-posix mawk original-awk
