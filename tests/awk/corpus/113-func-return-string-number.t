=== about
Return values keep their type: a returned string "10" compares as a string with "9".
=== program
function s() { return "10" }
function n() { return 10 }
BEGIN { print (s() < "9"), (n() < 9), s() + 1 }
=== expected
1 0 11
=== peers
gawk-posix mawk original-awk
