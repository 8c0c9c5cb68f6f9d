=== about
-v assignments are visible in BEGIN; operand assignments are not.
=== options
-v a=1
=== program
BEGIN { print a, b }
END { print a, b }
=== operands
b=2 /dev/null
=== expected
1 
1 2
=== peers
gawk-posix mawk original-awk
