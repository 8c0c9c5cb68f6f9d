=== about
system() flushes pending output first and returns the command's exit status.
=== program
BEGIN { printf "before "; r = system("echo from-system; exit 5"); print "after", r }
=== expected
before from-system
after 5
=== peers
ours: see docs/awk-compat.md#system-status
