# string_append: append "abc" N times to one string with .=, print its length.
use strict;
use warnings;

my $N = 8000000;
my $s = "";
for my $i (0 .. $N - 1) {
    $s .= "abc";
}
print length($s), "\n";
