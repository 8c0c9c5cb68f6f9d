BEGIN { printf "[%*d][%*s]\n", -6, 42, -4, "x" }
