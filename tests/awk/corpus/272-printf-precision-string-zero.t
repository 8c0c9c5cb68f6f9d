=== about
%.0s prints nothing; %.10s of a short string prints all of it.
=== program
BEGIN { printf "[%.0s][%.10s][%5.0s]\n", "abc", "abc", "abc" }
=== expected
[][abc][     ]
=== peers
gawk-posix mawk original-awk
