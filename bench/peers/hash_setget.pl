# hash_setget: set N string keys "$i" -> i, then read them all back and sum.
use strict;
use warnings;

my $N = 500000;
my %h;
for my $i (0 .. $N - 1) {
    $h{$i} = $i;    # hash keys are strings: $i is stringified
}
my $s = 0;
for my $i (0 .. $N - 1) {
    $s = $s + $h{$i};
}
print "$s\n";
