=== about
Converting integers to Roman numerals with parallel arrays.
=== program
BEGIN { split("1000 900 500 400 100 90 50 40 10 9 5 4 1", v, " "); split("M CM D CD C XC L XL X IX V IV I", r, " ") }
{ n = $1; s = ""; for (i = 1; i <= 13; i++) while (n >= v[i]) { s = s r[i]; n -= v[i] } print $1, s }
=== stdin
4
9
14
1994
2024
=== expected
4 IV
9 IX
14 XIV
1994 MCMXCIV
2024 MMXXIV
=== peers
gawk-posix mawk original-awk
