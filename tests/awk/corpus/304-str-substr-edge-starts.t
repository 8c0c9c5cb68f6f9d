=== about
substr with start 0 or negative starts at 1 with the length unchanged (gawk, onetrue awk); zero or negative length gives "".
=== program
BEGIN { s = "abcdef"; print substr(s, 0) "|" substr(s, 0, 2) "|" substr(s, -1, 3) "|" substr(s, -5) "|" substr(s, 2, 0) "|" substr(s, 2, -1) "|" }
=== expected
abcdef|ab|abc|abcdef|||
=== peers
ours: see docs/awk-compat.md#substr-start
