# Command substitution: nesting, sizes, trailing newlines, status.
echo "$(echo outer $(echo inner))"
lines=$(printf 'a\nb\n\n\n')
echo "[$lines]"
big=$(seq 1 300000)
echo ${#big}
echo "$big" | tail -n 1
count=$(seq 1 300000 | wc -l)
echo $count
x=$(false)
echo "assign status $?"
y=$(sh -c 'exit 6')
echo "assign status $?"
echo "status of echo after: $?"
v=$(echo "a b   c")
echo $v
echo "$v"
echo $(echo $(echo $(echo deep)))
