{ print FILENAME, NR, FNR, $0 }
END { print "total", NR, FNR }
