=== about
print (a, b) with a parenthesised list works like print a, b.
=== program
BEGIN { print("x", "y"); print ("a")("b") }
=== expected
x y
ab
=== peers
gawk-posix mawk original-awk
