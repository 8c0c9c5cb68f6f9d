=== about
A syntax error anywhere prevents the whole program from running (BEGIN prints nothing).
=== program
BEGIN { print "should not appear" }
END { x = = 1 }
=== expected-raw
""
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
