BEGIN { a["if"] = 1; a["while"] = 2; a["BEGIN"] = 3; print a["if"] + a["while"] + a["BEGIN"] }
