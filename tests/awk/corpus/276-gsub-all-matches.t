=== about
gsub replaces every match and returns the count.
=== program
{ n = gsub(/[aeiou]/, "_"); print n, $0 }
=== stdin
education
rhythm
=== expected
5 _d_c_t__n
0 rhythm
=== peers
gawk-posix mawk original-awk
