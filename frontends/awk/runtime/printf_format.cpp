// awk's printf engine (see printf_format.h). Integer, character and string conversions are
// formatted here by C's rules; floating ones go to std::snprintf with a rebuilt specification.
// Nothing is allocated per conversion: text is built in stack buffers and appended to `out`.
#include "printf_format.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace fusevm::awkfront {
namespace {

constexpr double kTwoPow63 = 9223372036854775808.0;
constexpr double kTwoPow64 = 18446744073709551616.0;

// The conversions that take an argument; '%' is the other valid one.
constexpr std::string_view kConversions = "diouxXcseEfFgGaA";

// One parsed conversion specification, without its conversion character.
struct Spec {
  bool left = false;   // '-'
  bool plus = false;   // '+'
  bool space = false;  // ' '
  bool alt = false;    // '#'
  bool zero = false;   // '0'
  int width = 0;       // 0 ... kMaxFieldWidth
  int precision = -1;  // -1: none, else 0 ... kMaxFieldWidth
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_length_modifier(char c) {
  return c == 'h' || c == 'l' || c == 'L' || c == 'q' || c == 'j' || c == 'z' || c == 't';
}

// Parses the digits at `i` into `value` with saturation at kMaxFieldWidth (no digits give 0);
// returns the index after them.
size_t parse_count(std::string_view format, size_t i, int& value) {
  int v = 0;
  for (; i < format.size() && is_digit(format[i]); ++i) {
    if (v <= kMaxFieldWidth) v = v * 10 + (format[i] - '0');  // stays far below INT_MAX
  }
  value = v > kMaxFieldWidth ? kMaxFieldWidth : v;
  return i;
}

// A `*` argument truncated to an int within [-kMaxFieldWidth, kMaxFieldWidth]; a NaN, which has
// no integer value, counts as 0.
int star_value(double v) {
  if (std::isnan(v)) return 0;
  if (v >= kMaxFieldWidth) return kMaxFieldWidth;
  if (v <= -kMaxFieldWidth) return -kMaxFieldWidth;
  return static_cast<int>(v);  // truncates toward zero
}

// `text` padded with spaces to the field width, on the left unless '-'. For %c and %s, which
// ignore the 0 flag.
void append_padded(std::string& out, const Spec& spec, std::string_view text) {
  const size_t width = static_cast<size_t>(spec.width);
  const size_t pad = width > text.size() ? width - text.size() : 0;
  if (!spec.left) out.append(pad, ' ');
  out.append(text);
  if (spec.left) out.append(pad, ' ');
}

// An integer conversion laid out by C's rules: `prefix` (sign or "0x"), zeros up to the
// precision, the digits; with the 0 flag and no precision, zeros fill the width instead of
// spaces. `octal_alt` is %#o, which makes sure the text starts with a 0.
void append_integer(std::string& out, const Spec& spec, std::string_view prefix,
                    std::string_view digits, bool octal_alt) {
  size_t zeros = 0;
  if (spec.precision >= 0 && static_cast<size_t>(spec.precision) > digits.size()) {
    zeros = static_cast<size_t>(spec.precision) - digits.size();
  }
  if (octal_alt && zeros == 0 && (digits.empty() || digits[0] != '0')) zeros = 1;
  const size_t length = prefix.size() + zeros + digits.size();
  const size_t width = static_cast<size_t>(spec.width);
  size_t pad = width > length ? width - length : 0;
  if (spec.zero && !spec.left && spec.precision < 0) {
    zeros += pad;
    pad = 0;
  }
  if (!spec.left) out.append(pad, ' ');
  out.append(prefix);
  out.append(zeros, '0');
  out.append(digits);
  if (spec.left) out.append(pad, ' ');
}

// A floating conversion through the C library, with the specification rebuilt from `spec`.
void append_floating(std::string& out, const Spec& spec, char conversion, double value) {
  char format[32];  // '%', 5 flags, 7 width digits, '.', 7 precision digits, conversion, NUL
  char* p = format;
  *p++ = '%';
  if (spec.left) *p++ = '-';
  if (spec.plus) *p++ = '+';
  if (spec.space) *p++ = ' ';
  if (spec.alt) *p++ = '#';
  if (spec.zero) *p++ = '0';
  char* const end = format + sizeof format - 2;
  if (spec.width > 0) p = std::to_chars(p, end, spec.width).ptr;
  if (spec.precision >= 0) {
    *p++ = '.';
    p = std::to_chars(p, end, spec.precision).ptr;
  }
  *p++ = conversion;
  *p = '\0';

  char buffer[512];  // holds any conversion of a double without a large width or precision
  const int n = std::snprintf(buffer, sizeof buffer, format, value);
  if (n < 0) return;  // cannot happen with a valid specification
  const size_t length = static_cast<size_t>(n);
  if (length < sizeof buffer) {
    out.append(buffer, length);
    return;
  }
  const size_t old_size = out.size();
  out.resize(old_size + length);
  // snprintf also writes the terminating NUL over out[size()], which std::string allows.
  std::snprintf(out.data() + old_size, length + 1, format, value);
}

// %d %i: truncated toward zero, exact however large; inf and NaN as %g.
void append_signed(std::string& out, const Spec& spec, double value) {
  if (!std::isfinite(value)) {
    append_floating(out, spec, 'g', value);
    return;
  }
  const double t = std::trunc(value);
  char buffer[400];  // the %.0f of the largest double has 309 digits
  std::string_view digits;
  if (t >= -kTwoPow63 && t < kTwoPow63) {
    const int64_t n = static_cast<int64_t>(t);
    const uint64_t magnitude = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
    if (magnitude != 0 || spec.precision != 0) {  // C prints no digit for 0 with precision 0
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, magnitude);
      digits = std::string_view(buffer, static_cast<size_t>(result.ptr - buffer));
    }
  } else {
    // glibc's %.0f gives the exact decimal expansion of an integral double.
    const int n = std::snprintf(buffer, sizeof buffer, "%.0f", std::fabs(t));
    digits = std::string_view(buffer, static_cast<size_t>(n));
  }
  char sign = '\0';
  if (t < 0) {
    sign = '-';
  } else if (spec.plus) {
    sign = '+';
  } else if (spec.space) {
    sign = ' ';
  }
  append_integer(out, spec, std::string_view(&sign, sign != '\0' ? 1 : 0), digits, false);
}

// %o %u %x %X: a 64-bit unsigned value, negative values as two's complement; outside
// [-2^63, 2^64), inf and NaN as %g.
void append_unsigned(std::string& out, const Spec& spec, char conversion, double value) {
  const double t = std::trunc(value);
  if (!(t >= -kTwoPow63 && t < kTwoPow64)) {  // also true for NaN
    append_floating(out, spec, 'g', value);
    return;
  }
  const uint64_t bits =
      t < 0 ? static_cast<uint64_t>(static_cast<int64_t>(t)) : static_cast<uint64_t>(t);
  const int base = conversion == 'o' ? 8 : conversion == 'u' ? 10 : 16;
  char buffer[24];  // 22 octal digits at most
  size_t length = 0;
  if (bits != 0 || spec.precision != 0) {
    length =
        static_cast<size_t>(std::to_chars(buffer, buffer + sizeof buffer, bits, base).ptr - buffer);
  }
  if (conversion == 'X') {
    for (size_t k = 0; k < length; ++k) {
      if (buffer[k] >= 'a') buffer[k] = static_cast<char>(buffer[k] - 'a' + 'A');
    }
  }
  std::string_view prefix;
  if (spec.alt && bits != 0 && base == 16) prefix = conversion == 'X' ? "0X" : "0x";
  append_integer(out, spec, prefix, std::string_view(buffer, length),
                 spec.alt && conversion == 'o');
}

// %c: a number is a byte code modulo 256, a string gives its first byte (NUL if empty).
void append_char(std::string& out, const Spec& spec, const FormatArgs& args, size_t arg,
                 std::string& scratch) {
  char byte = '\0';
  if (args.is_number(arg)) {
    const double v = args.number(arg);
    if (std::isfinite(v)) {
      double code = std::fmod(std::trunc(v), 256.0);  // exact, with the sign of v
      if (code < 0) code += 256;
      byte = static_cast<char>(static_cast<unsigned char>(code));
    }
  } else {
    const std::string_view text = args.string(arg, scratch);
    if (!text.empty()) byte = text[0];
  }
  append_padded(out, spec, std::string_view(&byte, 1));
}

// Every awk stops before printing anything of the call, so `out` goes back to its old size.
bool not_enough_arguments(std::string_view format, std::string& out, size_t original_size,
                          std::string& error) {
  out.resize(original_size);
  error = "not enough arguments for format \"";
  // The format as it would be written in the program: a message stays on one line.
  for (const char c : format) {
    if (c == '\n') {
      error += "\\n";
    } else if (c == '\t') {
      error += "\\t";
    } else if (c == '"' || c == '\\') {
      error += '\\';
      error += c;
    } else {
      error += c;
    }
  }
  error.push_back('"');
  return false;
}

}  // namespace

bool format_printf(std::string_view format, const FormatArgs& args, std::string& out,
                   std::string& error) {
  const size_t original_size = out.size();
  const size_t count = args.size();
  size_t next = 0;      // the next argument to take
  std::string scratch;  // for FormatArgs::string; short strings never allocate
  const size_t n = format.size();
  size_t i = 0;
  while (i < n) {
    const void* found = std::memchr(format.data() + i, '%', n - i);
    if (found == nullptr) {
      out.append(format.substr(i));
      break;
    }
    const size_t percent = static_cast<size_t>(static_cast<const char*>(found) - format.data());
    out.append(format.substr(i, percent - i));
    i = percent + 1;

    Spec spec;
    for (; i < n; ++i) {
      const char c = format[i];
      if (c == '-') {
        spec.left = true;
      } else if (c == '+') {
        spec.plus = true;
      } else if (c == ' ') {
        spec.space = true;
      } else if (c == '#') {
        spec.alt = true;
      } else if (c == '0') {
        spec.zero = true;
      } else {
        break;
      }
    }
    bool missing = false;  // a conversion needing an argument that is not there
    if (i < n && format[i] == '*') {
      ++i;
      if (next < count) {
        const int w = star_value(args.number(next++));
        if (w < 0) spec.left = true;
        spec.width = w < 0 ? -w : w;
      } else {
        missing = true;
      }
    } else {
      i = parse_count(format, i, spec.width);
    }
    if (!missing && i < n && format[i] == '.') {
      ++i;
      if (i < n && format[i] == '*') {
        ++i;
        if (next < count) {
          const int p = star_value(args.number(next++));
          spec.precision = p < 0 ? -1 : p;
        } else {
          missing = true;
        }
      } else {
        i = parse_count(format, i, spec.precision);
      }
    }
    if (missing) return not_enough_arguments(format, out, original_size, error);
    while (i < n && is_length_modifier(format[i])) ++i;
    if (i >= n) {  // the format ends inside the conversion: copied as it is
      out.append(format.substr(percent));
      break;
    }
    const char conversion = format[i++];
    if (conversion == '%') {
      out.push_back('%');
      continue;
    }
    if (kConversions.find(conversion) == std::string_view::npos) {
      // An invalid conversion: copied up to and including the offending character.
      out.append(format.substr(percent, i - percent));
      continue;
    }
    if (next >= count) return not_enough_arguments(format, out, original_size, error);
    const size_t arg = next++;
    if (conversion == 'd' || conversion == 'i') {
      append_signed(out, spec, args.number(arg));
    } else if (conversion == 'o' || conversion == 'u' || conversion == 'x' || conversion == 'X') {
      append_unsigned(out, spec, conversion, args.number(arg));
    } else if (conversion == 'c') {
      append_char(out, spec, args, arg, scratch);
    } else if (conversion == 's') {
      std::string_view text = args.string(arg, scratch);
      if (spec.precision >= 0 && static_cast<size_t>(spec.precision) < text.size()) {
        text = text.substr(0, static_cast<size_t>(spec.precision));
      }
      append_padded(out, spec, text);
    } else {
      append_floating(out, spec, conversion, args.number(arg));
    }
  }
  return true;
}

}  // namespace fusevm::awkfront
