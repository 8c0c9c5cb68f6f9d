{ n = gsub(/x*/, "-"); print n, $0 }
