=== about
strtonum result used in arithmetic; plain "0x10" + 0 is 0 in gawk.
=== gawk-ext
=== program
BEGIN { print strtonum("0x10") + 1, "0x10" + 0 }
=== expected
17 0
=== peers
gawk
