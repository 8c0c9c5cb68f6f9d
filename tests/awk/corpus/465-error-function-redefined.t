=== about
Defining the same function twice is an error.
=== program
function f() { return 1 }
function f() { return 2 }
BEGIN { print f() }
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
