=== about
$0 ~ var uses the string in var as a dynamic regex.
=== program
BEGIN { re = "^[aeiou]" }
$0 ~ re
=== stdin
apple
banana
orange
kiwi
=== expected
apple
orange
=== peers
gawk-posix mawk original-awk
