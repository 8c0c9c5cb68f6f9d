=== about
A tr-like character translation utility built from index and substr.
=== program
function tr(s, from, to,   out, i, c, p) {
  out = ""
  for (i = 1; i <= length(s); i++) { c = substr(s, i, 1); p = index(from, c); out = out (p ? substr(to, p, 1) : c) }
  return out
}
{ print tr($0, "abc", "xyz") }
=== stdin
aabbcc-abc-cab
=== expected
xxyyzz-xyz-zxy
=== peers
gawk-posix mawk original-awk
