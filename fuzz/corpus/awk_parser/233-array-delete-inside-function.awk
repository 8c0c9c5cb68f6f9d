function clear(arr,   k) { for (k in arr) delete arr[k] }
BEGIN { x[1]; x[2]; clear(x); n = 0; for (k in x) n++; print n }
