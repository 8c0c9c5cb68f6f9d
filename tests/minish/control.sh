# if/elif/else, for, while, && and ||, subshells.
if test 1 = 2; then echo one; elif test 2 = 2; then echo two; else echo three; fi
if false; then echo no; fi
echo "if without branch: $?"
for i in 1 2 3; do
  if test $i = 2; then echo skip-two; else echo i=$i; fi
done
n=0
while test $n -lt 5; do
  n=$(expr $n + 1)
  echo n=$n
done
true && echo and-ran
false && echo and-skipped
false || echo or-ran
true || echo or-skipped
false && echo a || echo b
true && false || echo c
(exit 3)
echo "subshell: $?"
(inner=changed; cd /; exit 4)
echo "subshell: $? inner=[${inner:-}] cwd-unchanged=$(test "$(pwd)" = / && echo no || echo yes)"
( echo in subshell; exit 0 ) && echo subshell-ok
for word in $(echo alpha beta gamma); do echo "<$word>"; done
for x in; do echo never; done
echo "empty for: $?"
test -f /etc/passwd && echo has-passwd
