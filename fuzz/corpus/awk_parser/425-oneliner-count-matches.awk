/error/ { n++ }
END { print n + 0, "errors" }
