function s() { return "10" }
function n() { return 10 }
BEGIN { print (s() < "9"), (n() < 9), s() + 1 }
