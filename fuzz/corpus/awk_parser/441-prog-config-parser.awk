/^[ \t]*(#|;|$)/ { next }
/^\[.*\]$/ { section = substr($0, 2, length($0) - 2); next }
{
  eq = index($0, "=")
  key = substr($0, 1, eq - 1); val = substr($0, eq + 1)
  gsub(/^[ \t]+|[ \t]+$/, "", key); gsub(/^[ \t]+|[ \t]+$/, "", val)
  print section "." key " = " val
}
