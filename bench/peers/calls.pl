# calls: a small function called N times in a loop.
use strict;
use warnings;

sub add3 {
    my ($x, $y, $z) = @_;
    return $x + $y + $z;
}

my $N = 20000000;
my $s = 0;
for my $i (0 .. $N - 1) {
    $s = add3($s, $i, 1);
}
print "$s\n";
