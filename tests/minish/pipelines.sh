# Pipelines of one to eight stages, their statuses, and negation.
printf 'c\nb\na\n'
printf 'c\nb\na\n' | sort
printf 'c\nb\na\n' | sort | head -n 2
printf 'c\nb\na\n' | sort | head -n 2 | tr a-z A-Z
printf 'c\nb\na\n' | sort | head -n 2 | tr a-z A-Z | cat
printf 'c\nb\na\n' | sort | head -n 2 | tr a-z A-Z | cat | wc -l
printf 'c\nb\na\n' | cat | cat | cat | cat | cat | sort -r
printf 'c\nb\na\n' | cat | cat | cat | cat | cat | cat | wc -c
false | true
echo "status $?"
true | false
echo "status $?"
sh -c 'exit 5' | sh -c 'cat; exit 7'
echo "status $?"
! true
echo "not true: $?"
! false | false
echo "not pipeline: $?"
yes | head -n 3
seq 1 20000 | sort -n | tail -n 1
echo done | tr d D | tr o 0
