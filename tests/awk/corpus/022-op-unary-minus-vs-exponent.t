=== about
Unary minus binds looser than ^: -2^2 is -4, while 2^-2 takes a negative exponent.
=== program
BEGIN { x = 3; print -2 ^ 2, (-2) ^ 2, -x ^ 2, 2 ^ -2, - - 4, !x ^ 2 }
=== expected
-4 4 -9 0.25 4 0
=== peers
gawk-posix mawk original-awk
