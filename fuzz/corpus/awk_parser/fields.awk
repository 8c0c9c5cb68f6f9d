{ $3 = ""; sub(/^ +/, ""); gsub(/[aeiou]/, "<&>", $1); print length($0), -$2 ^ 2 }
