=== about
index(s, "") is 1 (gawk and mawk; onetrue awk gives 0 when s is also empty).
=== program
BEGIN { print index("abc", ""), index("", "") }
=== expected
1 1
=== peers
ours: see docs/awk-compat.md#index-empty
