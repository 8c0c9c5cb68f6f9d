{ NF = 0; print "[" $0 "]", NF }
