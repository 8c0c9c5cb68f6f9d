=== about
%c of an empty string prints a NUL byte (gawk and mawk; onetrue awk prints nothing).
=== program
BEGIN { printf "[%c]\n", "" }
=== expected-raw
b"[\x00]\n"
=== peers
ours: see docs/awk-compat.md#printf-c-empty
