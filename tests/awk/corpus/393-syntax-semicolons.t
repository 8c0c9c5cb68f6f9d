=== about
Semicolons separate statements and rules; extra semicolons are harmless.
=== program
BEGIN { a = 1; b = 2;; print a + b; } ; END { print "end" };
=== expected
3
end
=== peers
gawk-posix mawk original-awk
