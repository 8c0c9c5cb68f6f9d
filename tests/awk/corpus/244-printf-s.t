=== about
%s with width, precision and the - flag.
=== program
BEGIN { printf "[%s][%10s][%-10s][%.3s][%10.2s][%-6.4s]\n", "abc", "right", "left", "truncate", "xyz", "abcdefgh" }
=== expected
[abc][     right][left      ][tru][        xy][abcd  ]
=== peers
gawk-posix mawk original-awk
