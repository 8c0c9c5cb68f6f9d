{ gsub(/[^[:alnum:]]+/, " "); print }
