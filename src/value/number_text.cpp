// Float and integer text conversions (see number_text.h).
#include "number_text.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace fusevm::detail {
namespace {

// The shortest round-trip digits of a finite, non-zero |f| and the exponent e such that
// |f| = 0.d1d2...dn * 10^e.
struct Decimal {
  char digits[24];
  int count = 0;
  int exponent = 0;
};

Decimal shortest_decimal(double magnitude) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, magnitude, std::chars_format::scientific);
  (void)ec;  // cannot fail with this buffer size
  Decimal d;
  const char* p = buf;
  const char* e_pos = static_cast<const char*>(std::memchr(buf, 'e', static_cast<size_t>(end - buf)));
  for (; p < e_pos; ++p)
    if (*p != '.') d.digits[d.count++] = *p;
  while (d.count > 1 && d.digits[d.count - 1] == '0') --d.count;
  int exp10 = 0;
  std::from_chars(e_pos + 1 + (e_pos[1] == '+'), end, exp10);
  d.exponent = exp10 + 1;
  return d;
}

void append_zeros(std::string& out, int n) {
  if (n > 0) out.append(static_cast<size_t>(n), '0');
}

}  // namespace

void append_float_display(std::string& out, double f) {
  if (std::isnan(f)) {
    out += "NaN";
    return;
  }
  if (std::signbit(f)) out += '-';
  double m = std::fabs(f);
  if (std::isinf(m)) {
    out += "inf";
    return;
  }
  if (m == 0.0) {
    out += '0';
    return;
  }
  Decimal d = shortest_decimal(m);
  if (d.exponent <= 0) {
    out += "0.";
    append_zeros(out, -d.exponent);
    out.append(d.digits, static_cast<size_t>(d.count));
  } else if (d.exponent < d.count) {
    out.append(d.digits, static_cast<size_t>(d.exponent));
    out += '.';
    out.append(d.digits + d.exponent, static_cast<size_t>(d.count - d.exponent));
  } else {
    out.append(d.digits, static_cast<size_t>(d.count));
    append_zeros(out, d.exponent - d.count);
  }
}

void append_float_json(std::string& out, double f) {
  if (std::signbit(f)) out += '-';
  double m = std::fabs(f);
  if (m == 0.0) {
    out += "0.0";
    return;
  }
  Decimal d = shortest_decimal(m);
  const int n = d.count;
  const int kk = d.exponent;  // position of the decimal point
  const int k = kk - n;       // value = digits * 10^k
  if (k >= 0 && kk <= 16) {
    out.append(d.digits, static_cast<size_t>(n));
    append_zeros(out, k);
    out += ".0";
  } else if (kk > 0 && kk <= 16) {
    out.append(d.digits, static_cast<size_t>(kk));
    out += '.';
    out.append(d.digits + kk, static_cast<size_t>(n - kk));
  } else if (kk > -5 && kk <= 0) {
    out += "0.";
    append_zeros(out, -kk);
    out.append(d.digits, static_cast<size_t>(n));
  } else {
    out += d.digits[0];
    if (n > 1) {
      out += '.';
      out.append(d.digits + 1, static_cast<size_t>(n - 1));
    }
    out += 'e';
    append_int(out, kk - 1);
  }
}

void append_int(std::string& out, int64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  (void)ec;
  out.append(buf, end);
}

bool parse_int_strict(std::string_view s, int64_t& out) noexcept {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i == s.size()) return false;
  for (size_t j = i; j < s.size(); ++j)
    if (s[j] < '0' || s[j] > '9') return false;
  // from_chars takes '-' but not '+'.
  const char* first = s.data() + (s[0] == '+' ? 1 : 0);
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return false;
  out = value;
  return true;
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool parse_float_strict(std::string_view s, double& out) noexcept {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  std::string_view body = s.substr(i);
  if (iequals(body, "inf") || iequals(body, "infinity")) {
    out = negative ? -std::numeric_limits<double>::infinity()
                   : std::numeric_limits<double>::infinity();
    return true;
  }
  if (iequals(body, "nan")) {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  // Grammar: digits [. digits*] | . digits, then an optional exponent.
  size_t p = 0;
  size_t int_digits = 0, frac_digits = 0;
  while (p < body.size() && is_digit(body[p])) ++p, ++int_digits;
  if (p < body.size() && body[p] == '.') {
    ++p;
    while (p < body.size() && is_digit(body[p])) ++p, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  const size_t mantissa_end = p;
  if (p < body.size() && (body[p] == 'e' || body[p] == 'E')) {
    ++p;
    if (p < body.size() && (body[p] == '+' || body[p] == '-')) ++p;
    size_t exp_digits = 0;
    while (p < body.size() && is_digit(body[p])) ++p, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  if (p != body.size()) return false;

  double value = 0.0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value,
                                   std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    // Overflow or underflow: find the decimal exponent of the leading non-zero digit.
    long lead = 0;
    bool found = false;
    long position = static_cast<long>(int_digits);  // digits before the point
    for (size_t q = 0; q < mantissa_end; ++q) {
      if (body[q] == '.') continue;
      if (body[q] != '0') {
        found = true;
        break;
      }
      --position;
    }
    long exponent = 0;
    if (mantissa_end < body.size()) {
      // Saturate huge exponents; only the sign of the total matters here.
      size_t q = mantissa_end + 1;
      bool exp_negative = false;
      if (body[q] == '+' || body[q] == '-') exp_negative = body[q++] == '-';
      for (; q < body.size(); ++q) {
        if (exponent < 100000000) exponent = exponent * 10 + (body[q] - '0');
      }
      if (exp_negative) exponent = -exponent;
    }
    lead = position + exponent;
    value = (found && lead > 0) ? std::numeric_limits<double>::infinity() : 0.0;
  } else if (ec != std::errc() || ptr != body.data() + body.size()) {
    return false;
  }
  out = negative ? -value : value;
  return true;
}

}  // namespace fusevm::detail
