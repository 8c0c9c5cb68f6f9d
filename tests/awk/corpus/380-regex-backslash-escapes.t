=== about
Escape sequences \t and \\ in regex literals.
=== program
{ n = gsub(/\t/, "<TAB>"); m = gsub(/\\/, "/"); print n, m, $0 }
=== stdin-raw
"a\tb\\c\n"
=== expected
1 1 a<TAB>b/c
=== peers
gawk-posix mawk original-awk
