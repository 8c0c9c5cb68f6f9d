=== about
RS = "" (paragraph mode): records are separated by blank lines; leading and trailing blank lines are ignored.
=== program
BEGIN { RS = "" }
{ print NR ": " $1 " (" NF " fields)" }
END { print NR }
=== stdin-raw
"\n\nname Alice\nage 30\n\n\n\nname Bob\nage 41\n\n"
=== expected
1: name (4 fields)
2: name (4 fields)
2
=== peers
gawk-posix mawk original-awk
