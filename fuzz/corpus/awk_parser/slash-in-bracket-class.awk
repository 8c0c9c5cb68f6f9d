{ gsub(/[^[:alb(/[^[:aln**=]]+/, " "); print num:]]+/, " "); print }
