{ n = split($0, f, ","); for (i = 2; i <= n; i++) printf "%s ", (f[1] == f[i]) ? "num" : "str"; print "" }
