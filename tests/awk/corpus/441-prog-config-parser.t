=== about
An INI-style config parser with sections, comments and trimming.
=== program
/^[ \t]*(#|;|$)/ { next }
/^\[.*\]$/ { section = substr($0, 2, length($0) - 2); next }
{
  eq = index($0, "=")
  key = substr($0, 1, eq - 1); val = substr($0, eq + 1)
  gsub(/^[ \t]+|[ \t]+$/, "", key); gsub(/^[ \t]+|[ \t]+$/, "", val)
  print section "." key " = " val
}
=== stdin
# global settings
name = demo

[server]
port=8080
  host =  example.org  
; comment
[client]
retries = 3
=== expected
.name = demo
server.port = 8080
server.host = example.org
client.retries = 3
=== peers
gawk-posix mawk original-awk
