BEGIN { re = "^[aeiou]" }
$0 ~ re
