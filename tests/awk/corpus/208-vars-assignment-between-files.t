=== about
var=value operands are applied when reached, between files; not yet in BEGIN.
=== program
BEGIN { print "begin [" mode "]" }
{ print mode, $0 }
END { print "end", mode }
=== operands
mode=first a mode=second b mode=last
=== file a
1
=== file b
2
=== expected
begin []
first 1
second 2
end last
=== peers
gawk-posix mawk original-awk
