=== about
tolower and toupper change ASCII letters only.
=== program
{ print tolower($0) "|" toupper($0) }
=== stdin
Hello, World! 123 aBc
=== expected
hello, world! 123 abc|HELLO, WORLD! 123 ABC
=== peers
gawk-posix mawk original-awk
