BEGIN { split("10:9:abc", a, ":"); print (a[1] > a[2]), (a[3] > a[1]) }
