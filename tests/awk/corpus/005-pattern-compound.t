=== about
Patterns combine with &&, || and ! and parentheses.
=== program
($1 > 2 && $1 < 6) || $2 == "keep" { print }
!($1 % 2) && $2 != "keep" { print "even", $1 }
=== stdin
1 keep
2 x
3 y
4 keep
7 z
8 w
=== expected
1 keep
even 2
3 y
4 keep
even 8
=== peers
gawk-posix mawk original-awk
