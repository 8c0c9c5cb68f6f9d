=== about
printf with fewer arguments than conversions is a fatal error (exit 2).
=== program
BEGIN { printf "%s and %s\n", "one" }
=== exit 2
=== peers
gawk-posix mawk original-awk
