=== about
gensub supports \\1..\\9 back references to parenthesised groups and \\0 / & for the whole match.
=== gawk-ext
=== program
{ print gensub(/([a-z]+)-([0-9]+)/, "\\2:\\1", "g"); print gensub(/[0-9]+/, "<\\0|&>", 1) }
=== stdin
abc-123 xy-9
=== expected
123:abc 9:xy
abc-<123|123> xy-9
=== peers
gawk
