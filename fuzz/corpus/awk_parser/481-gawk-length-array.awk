BEGIN { n = split("a b c d e", arr); print length(arr); delete arr[1]; print length(arr); delete arr; print length(arr) }
