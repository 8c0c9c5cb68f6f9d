=== about
Reordering date fields with gensub back references.
=== gawk-ext
=== program
{ print gensub(/([0-9]+)\/([0-9]+)\/([0-9]+)/, "\\3-\\1-\\2", "g") }
=== stdin
12/31/1999 and 01/02/2024
=== expected
1999-12-31 and 2024-01-02
=== peers
gawk
