=== about
sin, cos and atan2; pi computed as atan2(0, -1).
=== program
BEGIN { pi = atan2(0, -1); printf "%.6f %.6f %.6f %.6f %.6f\n", pi, sin(pi / 2), cos(0), atan2(1, 1) * 4, atan2(-1, -1) }
=== expected
3.141593 1.000000 1.000000 3.141593 -2.356194
=== peers
gawk-posix mawk original-awk
