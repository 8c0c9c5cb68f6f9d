=== about
Two functions calling each other.
=== program
function even(n) { return n == 0 ? 1 : odd(n - 1) }
function odd(n) { return n == 0 ? 0 : even(n - 1) }
BEGIN { for (i = 0; i < 6; i++) printf "%d:%s ", i, (even(i) ? "even" : "odd"); print "" }
=== expected
0:even 1:odd 2:even 3:odd 4:even 5:odd 
=== peers
gawk-posix mawk original-awk
