# mandelbrot: W x H grid over [-2,1] x [-1,1], at most MAXIT iterations per point;
# print the total number of iterations.
use strict;
use warnings;

my $W = 800;
my $H = 600;
my $MAXIT = 100;
my $total = 0;
for my $py (0 .. $H - 1) {
    my $ci = $py * 2.0 / $H - 1.0;
    for my $px (0 .. $W - 1) {
        my $cr = $px * 3.0 / $W - 2.0;
        my $zr = 0.0;
        my $zi = 0.0;
        my $it = 0;
        while ($it < $MAXIT && $zr * $zr + $zi * $zi <= 4.0) {
            my $t = $zr * $zr - $zi * $zi + $cr;
            $zi = 2.0 * $zr * $zi + $ci;
            $zr = $t;
            $it = $it + 1;
        }
        $total = $total + $it;
    }
}
print "$total\n";
