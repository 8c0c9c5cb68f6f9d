=== about
POSIX character classes inside bracket expressions.
=== program
{ printf "%s", $1; if ($1 ~ /^[[:alpha:]]+$/) printf " alpha"; if ($1 ~ /^[[:digit:]]+$/) printf " digit"; if ($1 ~ /^[[:alnum:]_]+$/) printf " word"; if ($1 ~ /[[:upper:]]/) printf " has-upper"; if ($1 ~ /[[:punct:]]/) printf " punct"; print "" }
=== stdin
Hello
2024
snake_case9
a.b
=== expected
Hello alpha word has-upper
2024 digit word
snake_case9 word punct
a.b punct
=== peers
gawk-posix mawk original-awk
