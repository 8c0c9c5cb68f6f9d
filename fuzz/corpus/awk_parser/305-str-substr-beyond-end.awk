BEGIN { s = "abc"; print substr(s, 2, 100) "|" substr(s, 4, 1) "|" substr(s, 100) "|" }
