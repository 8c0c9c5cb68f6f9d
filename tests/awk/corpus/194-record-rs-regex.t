=== about
A multi-character RS is a regular expression (gawk, mawk and onetrue awk; POSIX leaves it unspecified).
=== gawk-ext
=== program
BEGIN { RS = "[0-9]+" }
{ printf "[%s]", $0 }
END { print ""; print NR }
=== stdin-raw
"abc12def3ghi456"
=== expected
[abc][def][ghi]
3
=== peers
gawk mawk original-awk
