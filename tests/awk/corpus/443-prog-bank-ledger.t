=== about
A ledger with deposits, withdrawals, an overdraft check and a final balance per account.
=== program
$2 == "deposit" { bal[$1] += $3; next }
$2 == "withdraw" {
  if (bal[$1] < $3) { printf "refused: %s wants %.2f, has %.2f\n", $1, $3, bal[$1]; next }
  bal[$1] -= $3; next
}
{ print "bad line " NR ": " $0 > "/dev/stderr" }
END { for (a in bal) printf "%s %.2f\n", a, bal[a] | "sort"; close("sort") }
=== stdin
alice deposit 100
bob deposit 50
alice withdraw 30
bob withdraw 80
garbage
bob deposit 5.5
=== expected
refused: bob wants 80.00, has 50.00
alice 70.00
bob 55.50
=== peers
gawk-posix mawk original-awk
