=== about
Modulo by zero at run time is a fatal error (exit 2).
=== program
BEGIN { z = 0; print 5 % z }
=== exit 2
=== peers
ours: see docs/awk-compat.md#division-by-zero
