BEGIN { count = 100 }
{ count++ }
END { print count }
