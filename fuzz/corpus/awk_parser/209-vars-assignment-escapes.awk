{ print "[" sep "]", length(sep) }
