=== about
strftime with a fixed timestamp and the UTC flag.
=== gawk-ext
=== program
BEGIN { print strftime("%Y-%m-%d %H:%M:%S", 86400 * 365, 1); print strftime("%Y-%m-%d %H:%M:%S", 0, 1); print strftime("%j %a %b", 1000000000, 1) }
=== expected
1971-01-01 00:00:00
1970-01-01 00:00:00
252 Sun Sep
=== peers
gawk mawk
