=== about
Run-length encoding and decoding of strings.
=== program
function rle(s,   out, i, c, n) {
  out = ""; i = 1
  while (i <= length(s)) { c = substr(s, i, 1); n = 1; while (substr(s, i + n, 1) == c) n++; out = out n c; i += n }
  return out
}
function unrle(s,   out, n) {
  out = ""
  while (match(s, /^[0-9]+/)) { n = substr(s, 1, RLENGTH); s = substr(s, RLENGTH + 1); while (n-- > 0) out = out substr(s, 1, 1); s = substr(s, 2) }
  return out
}
{ e = rle($0); print e, unrle(e) }
=== stdin
aaabccdddd
x
=== expected
3a1b2c4d aaabccdddd
1x x
=== peers
gawk-posix mawk original-awk
