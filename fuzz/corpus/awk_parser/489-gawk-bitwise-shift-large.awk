BEGIN { print lshift(1, 40), rshift(lshift(1, 40), 38) }
