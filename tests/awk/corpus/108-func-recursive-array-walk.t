=== about
A recursive function that fills an array (Tower of Hanoi moves).
=== program
function hanoi(n, from, to, via) {
  if (n == 0) return
  hanoi(n - 1, from, via, to)
  moves[++m] = from "->" to
  hanoi(n - 1, via, to, from)
}
BEGIN { hanoi(3, "A", "C", "B"); for (i = 1; i <= m; i++) printf "%s%s", moves[i], (i < m ? " " : "\n"); print m }
=== expected
A->C A->B C->B A->C B->A B->C A->C
7
=== peers
gawk-posix mawk original-awk
