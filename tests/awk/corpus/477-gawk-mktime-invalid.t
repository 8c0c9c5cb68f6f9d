=== about
mktime of a malformed string returns -1.
=== gawk-ext
=== program
BEGIN { print mktime("not a date") }
=== expected
-1
=== peers
gawk mawk
