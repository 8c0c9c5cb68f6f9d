/begin/,/end/ { if ($0 ~ /begin|end/) next; print "inside", $0; next }
{ print "outside", $0 }
