{ printf "%s:", $0; printf " %d", /^[a-c]+$/; printf " %d", /[^0-9]/; printf " %d", /[]x]/; printf " %d\n", /[a-]z/ }
