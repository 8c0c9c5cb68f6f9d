# array_push_sum: push 0..N-1 onto an array, then sum it by index.
use strict;
use warnings;

my $N = 10000000;
my @a;
for my $i (0 .. $N - 1) {
    push @a, $i;
}
my $s = 0;
for my $i (0 .. $N - 1) {
    $s = $s + $a[$i];
}
print "$s\n";
