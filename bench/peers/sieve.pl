# sieve: sieve of Eratosthenes over an array of N flags (1 = prime), count primes below N.
use strict;
use warnings;

my $N = 5000000;
my @flags;
for my $i (0 .. $N - 1) {
    push @flags, 1;
}
my $i = 2;
while ($i * $i < $N) {
    if ($flags[$i] == 1) {
        for (my $j = $i * $i; $j < $N; $j += $i) {
            $flags[$j] = 0;
        }
    }
    $i = $i + 1;
}
my $count = 0;
for my $k (2 .. $N - 1) {
    $count = $count + $flags[$k];
}
print "$count\n";
