=== about
Checking bracket balance with a stack kept in an array.
=== program
function balanced(s,   i, c, top, stack, opening, closing) {
  opening = "([{"; closing = ")]}"; top = 0
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (index(opening, c)) stack[++top] = c
    else if (index(closing, c)) {
      if (top == 0 || index(opening, stack[top]) != index(closing, c)) return 0
      top--
    }
  }
  return top == 0
}
{ print $0, (balanced($0) ? "balanced" : "unbalanced") }
=== stdin
(a[b]{c})
([)]
((
x
=== expected
(a[b]{c}) balanced
([)] unbalanced
(( unbalanced
x balanced
=== peers
gawk-posix mawk original-awk
