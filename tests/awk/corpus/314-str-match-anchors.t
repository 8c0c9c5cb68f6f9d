=== about
match with ^ and $ anchors.
=== program
BEGIN { print match("abcabc", /abc$/), match("abcabc", /^abc/), match("abc", /^b/) }
=== expected
4 1 0
=== peers
gawk-posix mawk original-awk
