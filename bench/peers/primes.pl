# primes: count primes below N by trial division.
use strict;
use warnings;

my $N = 600000;
my $count = 0;
for my $n (2 .. $N - 1) {
    my $d = 2;
    my $isp = 1;
    while ($d * $d <= $n) {
        if ($n % $d == 0) {
            $isp = 0;
            last;
        }
        $d = $d + 1;
    }
    $count = $count + $isp;
}
print "$count\n";
