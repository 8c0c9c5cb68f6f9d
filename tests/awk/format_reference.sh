#!/usr/bin/env bash
# Prints what the reference awks print, in LC_ALL=C, for awk's number <-> text conversions and for
# printf formats: the measurements behind the decisions in frontends/awk/runtime/number_text.h and
# printf_format.h. A reference, not a test: it checks nothing and always exits 0.
# Usage: format_reference.sh [FILTER]   (only the cases whose label contains FILTER)
# shellcheck disable=SC2016  # the single-quoted texts are awk programs
set -u
export LC_ALL=C
filter="${1:-}"

# The awks compared, as commands; any that is not installed is reported once and skipped.
awks=("gawk --posix" "gawk" "mawk" "original-awk" "busybox awk")
present=()
for a in "${awks[@]}"; do
  if command -v "${a%% *}" >/dev/null 2>&1; then present+=("$a"); else echo "(not installed: $a)"; fi
done

# show LABEL PROGRAM [INPUT]: runs PROGRAM in every awk with INPUT on stdin and prints each one's
# output in brackets, control and high bytes made visible by cat -v (NUL is ^@, byte 0xff M-^?),
# and a non-zero exit status after it. Output is cut at 200 bytes.
show() {
  local label="$1" prog="$2" input="${3-}"
  [[ -n "$filter" && "$label" != *"$filter"* ]] && return
  echo "$label"
  local a out rc
  for a in "${present[@]}"; do
    # shellcheck disable=SC2086  # $a is a command with its options
    out="$(printf '%s' "$input" | timeout 10 $a "$prog" 2>&1 | head -c 200 | cat -v;
           echo "rc=${PIPESTATUS[1]}")"
    rc="${out##*rc=}"
    out="${out%rc=*}"
    out="${out%$'\n'}"
    if [[ "$rc" == 0 ]]; then
      printf '  %-13s [%s]\n' "$a" "$out"
    else
      printf '  %-13s [%s] exit %s\n' "$a" "$out" "$rc"
    fi
  done
}

# busybox's awk is built without ^ and log(), so big values are written out and infinities and
# NaNs come from arithmetic: in the programs below `inf` is +inf and `nan` a NaN with the sign
# bit clear (inf - inf has it set on x86-64), `-nan` one with it set.
special='inf = 1e300 * 1e300; nan = -(inf - inf)'

# pf FORMAT [ARGS]: printf with FORMAT (the text of an awk string literal) and ARGS (awk
# expressions, comma separated).
pf() {
  local fmt="$1" args="${2-}"
  if [[ -n "$args" ]]; then
    show "printf \"$fmt\", $args" "BEGIN { $special; printf(\"$fmt\", $args) }"
  else
    show "printf \"$fmt\"" "BEGIN { printf(\"$fmt\") }"
  fi
}

# A strnum compares numerically with a number, a string as text. With blanks around it the text
# never equals the number's string, and it sorts below any number's string; a NaN compares unequal
# (or, in gawk, greater) as a number, so the second test catches NaN strnums.
echo "== strnum: is the input line (with blanks around it) a numeric string?"
for t in "1" "+1" "-.5" "5." "1e5" "1E+05" ".e1" "1e" "0x1A" "inf" "+inf" "-inf" "nan" "-nan" \
         "+nan" "infinity" "1 2" "12abc" "."; do
  show "strnum '  $t  '" '{ x = $0; print (x == x + 0 || !(x < 1e300)) ? "strnum" : "string" }' \
    "  $t  "
done
# The test above misses a "-inf" strnum in busybox, whose comparisons subtract (-inf - -inf is a
# NaN, and -inf orders like the blank-led text); without leading blanks, "-inf  " > "-5" as text.
show "strnum '-inf  ' (text is greater than -5)" '{ x = $0; print (x > -5) ? "string" : "strnum" }' \
  "-inf  "

echo
echo "== string -> number: printf \"%.17g\" of the input line + 0"
for t in "12abc" ".5e1x" "1e" "1e+" "+" "-" "  -3.25  " "0x1A" "0X10" "inf" "+inf" "-inf" "+INF" \
         "nan" "+nan" "-nan" "-NaN" "+inf " "+infx" "+infinity" "1e400" "-1e400" "1e-400" \
         "0.1000000000000000055511151231257827" "9007199254740993" "2.4703282292062328e-324"; do
  show "'$t' + 0" '{ printf "%.17g\n", $0 + 0 }' "$t"
done
show "'+inf' + 0 printed" '{ x = $0 + 0; print x; print -x }' "+inf"
show "'-nan' + 0 printed" '{ x = $0 + 0; print x; print -x }' "-nan"

echo
echo "== number -> string: x \"\" (CONVFMT) and print x (OFMT)"
for e in "0.1" "1/3" "100" "-0" "1e6" "1e15" "1e16" "2147483648" "9007199254740992" \
         "9007199254740993" "1e25" "1e30" "9223372036854775808" "-9223372036854775808" \
         "18446744073709551616" "123456789012" "0.1+0.2" "-2.5" "1e300*1e300" "inf" "-inf" "nan" \
         "-nan"; do
  show "$e" "BEGIN { $special; x = $e; print x \"\"; print x }"
done
show 'CONVFMT="%.2f" 3.14159' 'BEGIN { CONVFMT = "%.2f"; x = 3.14159; print x ""; print x }'
show 'CONVFMT="%d" 3.7' 'BEGIN { CONVFMT = "%d"; x = 3.7; print x "" }'
show 'CONVFMT="%.2f" inf' "BEGIN { $special; CONVFMT = \"%.2f\"; x = inf; print x \"\" }"
show 'OFMT="%.2f" 3.14159 and 17' 'BEGIN { OFMT = "%.2f"; print 3.14159, 17 }'
show 'CONVFMT="%s" 0.5' 'BEGIN { CONVFMT = "%s"; x = 0.5; print x "" }'
show 'CONVFMT="%d %d" 0.5' 'BEGIN { CONVFMT = "%d %d"; x = 0.5; print x "" }'

echo
echo "== printf: d i"
pf "%d|%i" "3.99, -3.99"
pf "%5d|%-5d|%05d|%+d|% d|%+ d" "42, 42, 42, 42, 42, 42"
pf "%.3d|%5.3d|%-5.3d|%05.3d" "7, 7, 7, 7"
pf "%.0d|%+.0d|% .0d|%5.0d|" "0, 0, 0, 0"
pf "%d" "-0.5"
pf "%d" "9007199254740992"
pf "%d" "9223372036854775808"
pf "%d" "-9223372036854775808"
pf "%d" "1e30"
pf "%d" "-1e30"
pf "%d|%5d|%-6d|%+d|%05d|%.3d" "inf, inf, -inf, inf, inf, inf"
pf "%d|%5d|%-6d|%+d" "nan, nan, -nan, nan"
pf "%d" "\"12abc\""
pf "%lld|%hhd|%qd|%ld|%hd|%Lf|%jd|%zd|%td" "1, 2, 3, 4, 5, 6, 7, 8, 9"
pf "%--5d|%-0-5d|%00d|%++d|%0-5d|" "1, 2, 3, 4, 5"

echo
echo "== printf: o u x X"
pf "%o|%u|%x|%X|%#o|%#x|%#X" "8, 8, 255, 255, 8, 255, 255"
pf "%x|%o|%u" "-1, -1, -1"
pf "%x" "-9223372036854775808"
pf "%x" "-9223372036854779904"
pf "%x|%u" "18446744073709549568, 18446744073709549568"
pf "%x|%u|%o" "18446744073709551616, 18446744073709551616, 18446744073709551616"
pf "%x|%#x|%08.3x|%+X" "1e30, 1e30, 1e30, 1e30"
pf "%x|%u|%5x|%-5o|" "inf, -inf, nan, -nan"
pf "%#.3o|%#o|%#.0o|%#x" "8, 0, 0, 0"
pf "%#.0x|%.0x|%.0o|%.0u|" "0, 0, 0, 0"
pf "%+u|% x|%+x" "5, 5, 5"
pf "%08.3x|%-8.3X|%#010x" "255, 255, 255"
pf "%x" "3.9"
pf "%x" "-3.9"

echo
echo "== printf: c"
pf "%c|%c|%c" "65, 321, 65.9"
pf "%c" "-1"
pf "%c" "8364"
pf "%c" "256"
pf "%c" "inf"
pf "%c" "nan"
pf "%c|%c" "\"hello\", \"\""
pf "%5c|%-5c|%05c|%.0c|%.3c" "\"x\", \"x\", \"x\", \"x\", \"xyz\""
show "printf \"%c\", \$1 (input 65)" '{ printf "%c", $1 }' "65"
show "printf \"%c\", \$1 (input 65x)" '{ printf "%c", $1 }' "65x"

echo
echo "== printf: s"
pf "%s|%5s|%-5s|%.2s|%5.1s|%.0s|%05s|%-05s" "\"abc\", \"abc\", \"abc\", \"abc\", \"abc\", \"abc\", \"abc\", \"abc\""
pf "%s|%s|%s" "0.1, 1e30, 3"
pf "%.10s" "\"abc\""

echo
echo "== printf: floating"
pf "%f|%e|%E|%g|%G" "3.14159, 3.14159, 3.14159, 3.14159, 3.14159"
pf "%.2f|%10.3e|%-10.1f|%+g|% g|%#g|%#.0f|%010.2f" "1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, -1.5"
pf "%F|%a|%A" "1.5, 1.5, 1.5"
pf "%f|%e|%g|%E|%G" "inf, -inf, nan, -nan, inf"
pf "%5.1f|%-8f|%08f|" "inf, -nan, inf"
pf "%.30f" "0.1"
pf "%f" "\"3.5abc\""

echo
echo "== printf: * width and precision"
pf "%*d|%-*d|%.*f|%*.*f" "5, 1, 5, 2, 2, 3.14159, 8, 3, 3.14159"
pf "%*d|" "-5, 1"
pf "%.*f|%.*s|" "-1, 3.14159, -1, \"abc\""
pf "%*d|" "3.9, 1"
pf "%*s|" "\"4\", \"x\""

echo
echo "== printf: %% and invalid conversions"
pf "100%%|%5%|%-%|%*%|%d" "3, 7"
pf "a%zb|%d" "1"
pf "%z|%d" "1"
pf "%5k|%d" "1"
pf "%5*d|%d" "1, 2"
pf "%5*d|%d|%d" "3, 7, 9"
pf "%*k|%d" "1, 2"
pf "a%"
pf "%5"
pf "%-"
pf "%.5" 
pf "%#10.3"

echo
echo "== printf: not enough arguments, surplus arguments"
pf "%d %d" "1"
pf "abc%d"
pf "%*d" "5"
pf "%s" "1, 2, 3"
pf "%c"
pf "%%|%5%"

# Huge widths ("%.1000000000d", "%*d" with -1e10) are left out: the awks print a gigabyte or spin.
exit 0
