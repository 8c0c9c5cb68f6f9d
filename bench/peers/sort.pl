# sort: N pseudo-random ints (Park-Miller minimal standard LCG), sorted ascending with
# sort { $a <=> $b }; print a checksum of the sorted order.
use strict;
use warnings;

my $N = 1000000;
my @a;
my $x = 42;
for my $i (0 .. $N - 1) {
    $x = $x * 16807 % 2147483647;
    push @a, $x;
}
@a = sort { $a <=> $b } @a;
my $c = 0;
for my $i (0 .. $N - 1) {
    $c = ($c * 31 + $a[$i]) % 1000000007;
}
print "$c\n";
