BEGIN { a[1] = "one"; print a["1"], a[01], a[1.0], ("01" in a); a["01"] = "zero-one"; print a[1], a["01"] }
