=== about
A local array parameter is empty on every call.
=== program
function uniq(str,   parts, seen, n, i, out) {
  n = split(str, parts, ",")
  for (i = 1; i <= n; i++) if (!(parts[i] in seen)) { seen[parts[i]]; out = out (out == "" ? "" : ",") parts[i] }
  return out
}
BEGIN { print uniq("a,b,a,c,b"); print uniq("c,c,a") }
=== expected
a,b,c
c,a
=== peers
gawk-posix mawk original-awk
