=== about
A file operand that does not exist is an error (exit 2), after processing earlier files.
=== program
{ print }
=== operands
exists missing-file
=== file exists
ok
=== exit 2
=== peers
gawk-posix mawk original-awk
