BEGIN { print "x"
