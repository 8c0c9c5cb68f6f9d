=== about
mktime converts "YYYY MM DD HH MM SS" (TZ=UTC) to a timestamp; round trip with strftime.
=== gawk-ext
=== program
BEGIN { t = mktime("2024 02 29 12 30 45"); print t; print strftime("%Y-%m-%d %H:%M:%S", t, 1); print mktime("1970 01 01 00 00 00") }
=== expected
1709209845
2024-02-29 12:30:45
0
=== peers
gawk mawk
