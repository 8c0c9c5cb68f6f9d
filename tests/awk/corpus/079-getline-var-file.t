=== about
getline var < file sets only var; NR, FNR, NF and $0 unchanged.
=== program
{ while ((getline line < "data.txt") > 0) print $0, "|", line, NF, NR, FNR }
=== stdin
in put
=== file data.txt
alpha
beta gamma
=== expected
in put | alpha 2 1 1
in put | beta gamma 2 1 1
=== peers
gawk-posix mawk original-awk
