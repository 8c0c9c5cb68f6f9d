=== about
%x of a negative number is not tested (implementation-defined); %u of a fraction truncates.
=== program
BEGIN { printf "%u %o %x\n", 9.9, 9.9, 31.5 }
=== expected
9 11 1f
=== peers
gawk-posix mawk original-awk
