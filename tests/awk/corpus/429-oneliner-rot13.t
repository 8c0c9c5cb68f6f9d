=== about
ROT13 using index into the alphabet.
=== program
BEGIN { lo = "abcdefghijklmnopqrstuvwxyz"; up = toupper(lo) }
{
  out = ""
  for (i = 1; i <= length($0); i++) {
    c = substr($0, i, 1)
    if ((p = index(lo, c)) > 0) c = substr(lo, (p + 12) % 26 + 1, 1)
    else if ((p = index(up, c)) > 0) c = substr(up, (p + 12) % 26 + 1, 1)
    out = out c
  }
  print out
}
=== stdin
Hello, World!
=== expected
Uryyb, Jbeyq!
=== peers
gawk-posix mawk original-awk
