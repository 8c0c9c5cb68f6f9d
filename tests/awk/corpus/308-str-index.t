=== about
index returns the 1-based position of the first occurrence, or 0.
=== program
BEGIN { print index("banana", "an"), index("banana", "x"), index("banana", "a"), index("", "a"), index("abc", "abc"), index("abc", "abcd") }
=== expected
2 0 2 0 1 0
=== peers
gawk-posix mawk original-awk
