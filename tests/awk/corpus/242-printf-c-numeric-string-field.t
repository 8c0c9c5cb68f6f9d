=== about
%c of a field: a numeric string is treated as a number (character code), other text gives its first character.
=== program
{ printf "%c|", $1 } END { print "" }
=== stdin
abc
Z
65
 97 
=== expected
a|Z|A|a|
=== peers
gawk-posix mawk original-awk
