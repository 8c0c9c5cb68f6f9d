function show(a, b, c) { return "[" a "][" b "][" c "]" (c == "" && c == 0 ? " c-unset" : "") }
BEGIN { print show(1); print show(1, 2); print show(1, 2, 3) }
