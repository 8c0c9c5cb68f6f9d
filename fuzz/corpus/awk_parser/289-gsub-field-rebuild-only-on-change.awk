{ gsub(/,/, " "); print NF, $3 }
