=== about
/= by zero is a fatal error, after earlier output was written.
=== program
BEGIN { x = 4; print "before"; x /= 0; print "after" }
=== expected
before
=== exit 2
=== peers
ours: see docs/awk-compat.md#division-by-zero
