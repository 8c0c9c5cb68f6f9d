=== about
%% prints a percent sign.
=== program
BEGIN { printf "100%% sure, %d%%\n", 50 }
=== expected
100% sure, 50%
=== peers
gawk-posix mawk original-awk
