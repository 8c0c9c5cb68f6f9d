=== about
%5% prints a single percent sign, ignoring the width, and consumes no argument (gawk; the others fail).
=== program
BEGIN { printf "[%5%]\n" }
=== expected
[%]
=== peers
ours: see docs/awk-compat.md#printf-percent-width
