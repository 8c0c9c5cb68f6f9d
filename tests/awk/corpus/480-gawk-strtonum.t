=== about
strtonum understands hex and octal prefixes.
=== gawk-ext
=== program
BEGIN { print strtonum("0x1A"), strtonum("017"), strtonum("42"), strtonum("0X10"), strtonum("3.5") }
=== expected
26 15 42 16 3.5
=== peers
gawk
