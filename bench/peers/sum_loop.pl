# sum_loop: sum of 0..N-1 with a counter loop.
use strict;
use warnings;

my $N = 100000000;
my $s = 0;
for my $i (0 .. $N - 1) {
    $s = $s + $i;
}
print "$s\n";
