// awk's printf / sprintf engine: walks a format, takes arguments through FormatArgs and appends the
// text. Independent of the VM's value type; the awk host adapts its values to FormatArgs.
//
// The format follows ISO C as POSIX awk requires: conversions d i o u x X c s e E f F g G a A %;
// flags - + space # 0 in any order and repeated; a field width and a precision, each given by
// digits or by `*` (the next argument, as a number, truncated: a negative width means `-`, a
// negative precision means none); length modifiers h l L q j z t are skipped, any number of them.
// Surplus arguments are ignored. Where C or POSIX leaves a choice, the behaviour was measured on
// `gawk --posix`, gawk 5.2.1, mawk 1.3.4, original-awk 20220912 and busybox 1.35 (LC_ALL=C;
// tests/awk/format_reference.sh) and the majority, or gawk when there is none, is followed:
//
// * d i: the value is truncated toward zero. Out of the int64 range it still prints its exact
//   integer (gawk: "%d" of 1e30 -> 1000000000000000019884624838656; mawk clamps to 2147483647,
//   original-awk prints -9223372036854775808). inf / NaN print as %g would, with the same flags
//   and width: "inf", "-inf", "nan", "-nan" (`gawk --posix`; gawk in its own mode prints "+inf"
//   and ignores the width, mawk and original-awk print garbage).
// * o u x X: a negative value in [-2^63, 0) prints as its 64-bit two's complement ("%x" of -1 ->
//   ffffffffffffffff: gawk and original-awk; mawk prints 0). A value outside [-2^63, 2^64), inf and
//   NaN print as %g with the same flags, width and precision (gawk: "%x" of 2^64 -> 1.84467e+19).
//   "%#.3o" of 8 is "010" as in C (mawk, original-awk; gawk prints "0010"); "%+.0d" of 0 is "+"
//   and "%#.0x" of 0 is "" as in C (mawk, original-awk; gawk prints "" and "0").
// * c: a number prints one byte, its truncated value modulo 256 (two's complement for negative
//   values; inf / NaN give byte 0): 321 -> "A", -1 -> "\xff", 8364 -> "\xac". gawk, mawk and
//   busybox in the C locale all print the low byte; none encodes UTF-8 there, and this engine is
//   byte-oriented, like the C locale. A string prints its first byte, and the empty string prints
//   a NUL byte (gawk, mawk, busybox; original-awk prints nothing). Precision is ignored (gawk).
// * s: precision truncates to that many bytes. For c and s the 0 flag is ignored (all awks pad
//   "%05s" with spaces).
// * "%5%", "%-%", "%*%" print "%" (gawk; a `*` there still takes its argument).
// * An invalid conversion ("%z", "%5k", "%5*d") or a format ending inside a conversion ("a%",
//   "%5") is copied literally from its '%' up to and including the offending character; no
//   argument is taken except by a `*` already read (gawk; mawk and busybox stop with an error,
//   original-awk passes it to C). gawk differs on "%5*d": it takes the `*` as the width
//   (`printf "%5*d", 3, 7` -> "  7"); here, as in C, a `*` after width digits is invalid.
//   gawk treats "%lld", "%hhd" and "%qd" as invalid too; they are accepted here, as original-awk
//   does.
// * Width and precision are clamped to kMaxFieldWidth (1 MiB) whether they come from digits or
//   from `*`, so "%1000000000d" or "%*d" with 1e10 cannot exhaust memory; the awks variously print
//   1 GB, nothing, or an error. The digits are parsed with saturation, never overflowing.
// * Floating conversions are done by std::snprintf with a specification rebuilt from the parsed
//   fields, so the decimal point is the C library's LC_NUMERIC one (the awk host runs in "C").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fusevm::awkfront {

/// The largest field width or precision honoured; larger ones are clamped to it.
inline constexpr int kMaxFieldWidth = 1 << 20;

/// The arguments of one printf call, as the engine needs them.
class FormatArgs {
 public:
  virtual ~FormatArgs() = default;
  virtual size_t size() const = 0;
  /// Whether argument i is a number (not a string or a numeric string): %c prints a number as a
  /// character code. Note that all five measured awks print "A" for `printf "%c", $1` when the
  /// field is "65", i.e. they treat a strnum as a number here; a host that wants to match them
  /// answers true for strnums.
  virtual bool is_number(size_t i) const = 0;
  virtual double number(size_t i) const = 0;  ///< its numeric value (awk's string->number rules)
  /// Its string value (CONVFMT / integer rule for numbers); may point into `scratch`.
  virtual std::string_view string(size_t i, std::string& scratch) const = 0;
};

/// Appends the formatted text to `out`. Returns false with `error` set if the format needs more
/// arguments than there are ("not enough arguments for format \"%d %d\""); `out` is then left as
/// it was, since every awk stops before printing anything of that call.
bool format_printf(std::string_view format, const FormatArgs& args, std::string& out,
                   std::string& error);

}  // namespace fusevm::awkfront
