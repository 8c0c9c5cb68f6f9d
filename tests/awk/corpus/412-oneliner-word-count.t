=== about
Counting lines, words and characters like wc.
=== program
{ chars += length($0) + 1; words += NF }
END { print NR, words, chars }
=== stdin
the quick brown fox
jumps over

the lazy dog
=== expected
4 9 45
=== peers
gawk-posix mawk original-awk
