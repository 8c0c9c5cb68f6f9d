BEGIN { printf "[%c]\n", "" }
