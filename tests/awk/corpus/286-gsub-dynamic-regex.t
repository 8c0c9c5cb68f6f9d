=== about
The regex can be a string; "\\." is a literal dot in the dynamic regex.
=== program
BEGIN { re = "\\." }
{ n = gsub(re, ","); m = gsub("[0-9]", "#"); print n, m, $0 }
=== stdin
1.2.3
=== expected
2 3 #,#,#
=== peers
gawk-posix mawk original-awk
