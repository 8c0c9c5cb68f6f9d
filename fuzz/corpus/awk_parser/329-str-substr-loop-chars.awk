{ out = ""; for (i = 1; i <= length($0); i++) { c = substr($0, i, 1); out = out (c ~ /[a-z]/ ? toupper(c) : c) } print out }
