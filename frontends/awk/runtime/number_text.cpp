// awk's number <-> text conversions (see number_text.h): the strnum test, string -> number with
// correct rounding, and number -> string with the integer rule, CONVFMT falling back to "%.6g".
#include "number_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <system_error>

#include "printf_format.h"

namespace fusevm::awkfront {
namespace {

// 2^63: integral values below it in magnitude fit an int64_t and take the fast path.
constexpr double kTwoPow63 = 9223372036854775808.0;

// The C locale's isspace.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

size_t skip_spaces(std::string_view text, size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}
size_t skip_digits(std::string_view text, size_t i) {
  while (i < text.size() && is_digit(text[i])) ++i;
  return i;
}

// Where a decimal floating constant (no sign) starting at `i` ends: digits, an optional fraction
// and an exponent only if at least one digit follows its sign. `i` itself if there is no digit
// in the mantissa.
size_t scan_unsigned_decimal(std::string_view text, size_t i) {
  const size_t start = i;
  i = skip_digits(text, i);
  bool any_digit = i > start;
  if (i < text.size() && text[i] == '.') {
    const size_t fraction = i + 1;
    const size_t fraction_end = skip_digits(text, fraction);
    if (!any_digit && fraction_end == fraction) return start;  // "." alone is not a number
    any_digit = true;
    i = fraction_end;
  }
  if (!any_digit) return start;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t e = i + 1;
    if (e < text.size() && (text[e] == '+' || text[e] == '-')) ++e;
    const size_t exponent_end = skip_digits(text, e);
    if (exponent_end > e) i = exponent_end;  // "1e" and "1e+" stop before the 'e'
  }
  return i;
}

// from_chars reports a result beyond the double range without giving it; strtod gives +-inf or
// +-0. Which one it is follows from the decimal order of magnitude of the constant in `digits`
// (already known to be valid): out-of-range results are so far from 1 that its sign decides.
bool magnitude_overflows(std::string_view digits) {
  size_t i = 0;
  int64_t order = 0;  // the power of ten of the first significant digit
  bool found = false;
  for (; i < digits.size() && is_digit(digits[i]); ++i) {
    if (found) {
      ++order;
    } else if (digits[i] != '0') {
      found = true;
    }
  }
  if (i < digits.size() && digits[i] == '.') {
    for (++i; i < digits.size() && is_digit(digits[i]); ++i) {
      if (found) continue;
      --order;
      if (digits[i] != '0') found = true;
    }
  }
  int64_t exponent = 0;
  if (i < digits.size() && (digits[i] == 'e' || digits[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < digits.size() && (digits[i] == '+' || digits[i] == '-')) negative = digits[i++] == '-';
    // Saturate: any exponent past a million is as good as infinite here.
    for (; i < digits.size(); ++i) {
      if (exponent < 1000000) exponent = exponent * 10 + (digits[i] - '0');
    }
    if (negative) exponent = -exponent;
  }
  return order + exponent > 0;
}

bool equals_ignoring_case(std::string_view text, size_t at, const char* word) {
  for (size_t k = 0; word[k] != '\0'; ++k) {
    if (at + k >= text.size()) return false;
    char c = text[at + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[k]) return false;
  }
  return true;
}

// gawk's and original-awk's signed "+inf" / "-nan" (any case) filling the text up to blanks.
double signed_special(std::string_view text, size_t i) {
  if (i >= text.size() || (text[i] != '+' && text[i] != '-')) return 0;
  const bool negative = text[i] == '-';
  double magnitude;
  if (equals_ignoring_case(text, i + 1, "inf")) {
    magnitude = std::numeric_limits<double>::infinity();
  } else if (equals_ignoring_case(text, i + 1, "nan")) {
    magnitude = std::numeric_limits<double>::quiet_NaN();
  } else {
    return 0;
  }
  if (skip_spaces(text, i + 4) != text.size()) return 0;  // "+infx", "+infinity"
  return std::copysign(magnitude, negative ? -1.0 : 1.0);
}

// A number as the only argument of CONVFMT. A `%s` in it gets the number as "%.6g".
class SingleNumber final : public FormatArgs {
 public:
  explicit SingleNumber(double value) : value_(value) {}
  size_t size() const override { return 1; }
  bool is_number(size_t) const override { return true; }
  double number(size_t) const override { return value_; }
  std::string_view string(size_t, std::string& scratch) const override {
    char buffer[32];
    const int n = std::snprintf(buffer, sizeof buffer, "%.6g", value_);
    scratch.assign(buffer, static_cast<size_t>(n));
    return scratch;
  }

 private:
  double value_;
};

void append_g6(std::string& out, double value) {
  char buffer[32];  // "%.6g" of a finite double is at most 13 bytes
  const int n = std::snprintf(buffer, sizeof buffer, "%.6g", value);
  out.append(buffer, static_cast<size_t>(n));
}

}  // namespace

bool looks_numeric(std::string_view text) {
  size_t i = skip_spaces(text, 0);
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const size_t end = scan_unsigned_decimal(text, i);
  if (end == i) return false;
  // scan_unsigned_decimal leaves a dangling "e" or "e+" unconsumed, which then fails here.
  return skip_spaces(text, end) == text.size();
}

double string_to_number(std::string_view text) {
  const size_t start = skip_spaces(text, 0);
  size_t i = start;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  const size_t end = scan_unsigned_decimal(text, i);
  if (end == i) return signed_special(text, start);
  // The sign is applied afterwards because from_chars does not accept '+'.
  const std::string_view digits = text.substr(i, end - i);
  double value = 0;
  const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (result.ec == std::errc::result_out_of_range) {
    value = magnitude_overflows(digits) ? std::numeric_limits<double>::infinity() : 0.0;
  }
  return negative ? -value : value;
}

std::string number_to_string(double value, std::string_view convfmt) {
  std::string out;
  append_number(out, value, convfmt);
  return out;
}

void append_number(std::string& out, double value, std::string_view convfmt) {
  if (std::isnan(value)) {
    out.append(std::signbit(value) ? "-nan" : "+nan");
    return;
  }
  if (std::isinf(value)) {
    out.append(value < 0 ? "-inf" : "+inf");
    return;
  }
  if (value == std::trunc(value)) {
    if (value >= -kTwoPow63 && value < kTwoPow63) {
      char buffer[24];
      const auto result =
          std::to_chars(buffer, buffer + sizeof buffer, static_cast<int64_t>(value));
      out.append(buffer, result.ptr);
      return;
    }
    // glibc prints the exact decimal expansion of a double with %.0f; at most 309 digits.
    char buffer[400];
    const int n = std::snprintf(buffer, sizeof buffer, "%.0f", value);
    out.append(buffer, static_cast<size_t>(n));
    return;
  }
  if (convfmt == "%.6g") {  // the default CONVFMT and OFMT: skip the format parser
    append_g6(out, value);
    return;
  }
  const SingleNumber argument(value);
  std::string error;
  // format_printf leaves `out` as it was when the format wants a second argument.
  if (!format_printf(convfmt, argument, out, error)) append_g6(out, value);
}

}  // namespace fusevm::awkfront
