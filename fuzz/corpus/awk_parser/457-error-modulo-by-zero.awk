BEGIN { z = 0; print 5 % z }
