=== about
String to number conversion of leading-numeric strings.
=== program
BEGIN { n = split("12 -3.5 +7 1e2 .25 5. 0x10 abc 1e+3 1E-2", a, " "); for (i = 1; i <= n; i++) printf "%s ", a[i] + 0; print "" }
=== expected
12 -3.5 7 100 0.25 5 0 0 1000 0.01 
=== peers
ours: see docs/awk-compat.md#hex-strings
