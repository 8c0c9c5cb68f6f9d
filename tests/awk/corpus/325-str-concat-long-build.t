=== about
Building a long string by repeated concatenation.
=== program
BEGIN { for (i = 1; i <= 500; i++) s = s i ","; print length(s), substr(s, 1, 20), substr(s, length(s) - 8) }
=== expected
1892 1,2,3,4,5,6,7,8,9,10 ,499,500,
=== peers
gawk-posix mawk original-awk
