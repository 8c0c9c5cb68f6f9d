=== about
Assignments as operands can change FS between files.
=== program
{ print $2 }
=== operands
FS=: a FS=; b
=== file a
1:2
=== file b
3;4
=== expected
2
4
=== peers
ours: see docs/awk-compat.md#operand-fs
