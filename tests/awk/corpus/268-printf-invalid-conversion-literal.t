=== about
An invalid conversion character is copied to the output literally.
=== program
BEGIN { printf "a%zb\n"; printf "%k|%d\n", 5 }
=== expected
a%zb
%k|5
=== peers
ours: see docs/awk-compat.md#printf-invalid
