// awk's conversions between numbers and text: the strnum test, string -> number and
// number -> string (CONVFMT / OFMT and the integer rule). Pure functions, C locale, no VM types.
//
// Where POSIX leaves a choice and the awks disagree, the choice was made by measuring
// `gawk --posix`, gawk 5.2.1, mawk 1.3.4, original-awk 20220912 and busybox 1.35 in LC_ALL=C
// (tests/awk/format_reference.sh prints the awks' outputs):
//
// * looks_numeric follows POSIX's ERE exactly, so "0x1A", "inf", "+inf" and "-nan" are not numeric
//   strings. gawk and original-awk do treat a signed "+inf" / "-nan" from input as a strnum; mawk
//   does not, busybox does for infinities but not NaNs (`gawk --posix` and busybox also take
//   "inf", "infinity" and "0x1A"). We keep the single POSIX rule that the frontend's spec
//   (AWK.md §8.1) gives.
// * string_to_number accepts, besides the decimal prefix, a signed "+inf", "-inf", "+nan" or
//   "-nan" (any case) when nothing but blanks follows it, which is what gawk and original-awk do:
//   "+inf" -> inf, "-nan" -> NaN with the sign bit set, "+infx" -> 0, "+infinity" -> 0. Unsigned
//   "inf" / "nan" and hex give 0 (mawk and busybox use strtod and accept all of those; `gawk
//   --posix` too). Overflow gives +-inf ("1e400"), underflow +-0, as strtod does.
// * number_to_string prints every finite integral value as its exact integer, as gawk does:
//   1e30 -> "1000000000000000019884624838656", 2^63 -> "9223372036854775808", -2^63 ->
//   "-9223372036854775808". original-awk agrees up to at least 1e25 but prints 1e30 with %.30g;
//   mawk switches to CONVFMT above 2^31-ish ("1e+16" for 1e16). Infinities and NaNs print as gawk's
//   "+inf", "-inf", "+nan", "-nan" (sign from the sign bit) whatever CONVFMT is, as original-awk
//   does too; mawk and busybox print C's "inf" / "nan" / "-nan".
#pragma once

#include <string>
#include <string_view>

namespace fusevm::awkfront {

/// Whether `text` is a POSIX numeric string: after optional leading and trailing white space
/// (the C locale's isspace: space, \t, \n, \v, \f, \r) it is exactly
/// `[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?`. Decides whether input text is a strnum.
bool looks_numeric(std::string_view text);

/// awk's string -> number: after leading white space, the longest prefix that is a decimal
/// floating constant with optional sign, correctly rounded; else a whole-text signed inf/nan
/// (see the file comment); else 0. "12abc" -> 12, ".5e1x" -> 5, "1e" -> 1, "+" -> 0, "0x1A" -> 0.
/// Never reads outside the view.
double string_to_number(std::string_view text);

/// awk's number -> string: a finite integral value becomes its exact decimal integer (-0 -> "0");
/// inf / NaN become "+inf", "-inf", "+nan", "-nan"; anything else is formatted with `convfmt`
/// (CONVFMT, or OFMT for print) by format_printf with the value as its only argument.
///
/// A convfmt that is not a sensible one-number format is a user error that every awk mishandles
/// (gawk segfaults on "%s", mawk rejects "%d %d" when it is assigned, the others print garbage).
/// Here a `%s` in it prints the number with "%.6g", and a format that needs more than one argument
/// makes the whole conversion fall back to "%.6g".
std::string number_to_string(double value, std::string_view convfmt);

/// Appends number_to_string(value, convfmt) to `out`. The integral path (|value| < 2^63, the common
/// case when printing numbers) formats in a stack buffer and only grows `out`.
void append_number(std::string& out, double value, std::string_view convfmt);

}  // namespace fusevm::awkfront
