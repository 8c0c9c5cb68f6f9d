=== about
Iterating a multi-dimensional array and testing membership of a computed pair.
=== program
BEGIN { for (i = 1; i <= 3; i++) for (j = 1; j <= 3; j++) if (i != j) adj[i, j] = 1; c = 0; for (i = 1; i <= 3; i++) for (j = 1; j <= 3; j++) if ((i, j) in adj) c++; print c }
=== expected
6
=== peers
gawk-posix mawk original-awk
