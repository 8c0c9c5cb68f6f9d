=== about
strftime without the UTC flag uses TZ (set to UTC by the runner).
=== gawk-ext
=== program
BEGIN { print strftime("%Y/%m/%d %T", 1700000000) }
=== expected
2023/11/14 22:13:20
=== peers
gawk mawk
