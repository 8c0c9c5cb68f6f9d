# comment
BEGIN { x = 1 \
 + 2 } # trailing
{ delete a[$1]; delete a; nextfile }
