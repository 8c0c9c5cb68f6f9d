# float_loop: float multiply-add and a division per iteration.
use strict;
use warnings;

my $N = 30000000;
my $x = 1.0;
my $y = 0.0;
for my $i (0 .. $N - 1) {
    $x = $x * 0.999999 + 0.5;
    $y = $y + $x / ($i + 1);
}
print int($y * 1000.0), "\n";    # truncated toward zero
