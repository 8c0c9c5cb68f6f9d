=== about
% is the floating remainder (fmod): the sign follows the dividend, fractions allowed.
=== program
BEGIN { print 10 % 3, -10 % 3, 10 % -3, 5.5 % 2, -5.5 % 2, 7 % 7 }
=== expected
1 -1 1 1.5 -1.5 0
=== peers
gawk-posix mawk original-awk
