{ gsub(/b*/, "X"); print }
