=== about
gsub without matches leaves the target and $0 unchanged (spacing preserved).
=== program
{ n = gsub(/zzz/, "y"); print n "|" $0 "|" }
=== stdin-raw
"  spaced   out  \n"
=== expected
0|  spaced   out  |
=== peers
gawk-posix mawk original-awk
