// The host-independent awk builtins (AWK.md §4.6–4.8, §6): the string functions on Unicode
// characters, math with the original's NaN rules, the bit helpers, strtonum, ord/chr, mkbool,
// intdiv and the VM's PRNG. The time functions are in awk_time.cpp.
//
// Every function is total: any Value gives a result, and the only exception that can leave is
// std::bad_alloc from the heap budget (results are built in budget-charged strings). Float to
// integer conversions saturate explicitly; nothing here has undefined behaviour on any input.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <span>
#include <string>

#include "fusevm/awk_host.h"
#include "host/awk_case_data.h"
#include "host/awk_text.h"
#include "value/number_text.h"

namespace fusevm::awk {
namespace {

using TrackedString =
    std::basic_string<char, std::char_traits<char>, fusevm::detail::TrackedAllocator<char>>;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

// The text of a value, borrowed when it already is a string.
class Text {
 public:
  explicit Text(const Value& v) {
    if (v.is_str()) {
      view_ = v.as_str();
    } else {
      owned_ = v.to_str();
      view_ = owned_;
    }
  }
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;
  std::string_view view() const { return view_; }

 private:
  std::string owned_;
  std::string_view view_;
};

Value make_str(const TrackedString& s) { return Value::string({s.data(), s.size()}); }

// Rust's `f as i64`: truncation, NaN -> 0, saturation at both ends.
int64_t sat_i64(double f) noexcept {
  if (std::isnan(f)) return 0;
  if (f >= 0x1p63) return kInt64Max;
  if (f < -0x1p63) return kInt64Min;
  return static_cast<int64_t>(f);
}

// Rust's `f as u32`: truncation, NaN and negatives -> 0, saturation at 2^32 - 1.
uint32_t sat_u32(double f) noexcept {
  if (!(f > 0.0)) return 0;
  if (f >= 0x1p32) return std::numeric_limits<uint32_t>::max();
  return static_cast<uint32_t>(f);
}

int64_t sat_add(int64_t a, int64_t b) noexcept {
  if (b > 0 && a > kInt64Max - b) return kInt64Max;
  if (b < 0 && a < kInt64Min - b) return kInt64Min;
  return a + b;
}

int64_t count_chars(std::string_view s) noexcept {
  int64_t n = 0;
  for (size_t i = 0; i < s.size(); i += text::decode(s, i).len) ++n;
  return n;
}

// The positive quiet NaN for any NaN (§6.6); libm may hand back a NaN with the sign bit set.
double canonical_nan(double r) noexcept {
  return std::isnan(r) ? std::numeric_limits<double>::quiet_NaN() : r;
}

// ── Case mapping (§6.4): tables generated from Rust's char::to_lowercase / to_uppercase ──

uint32_t map_single(std::span<const case_data::Run> runs, uint32_t cp) noexcept {
  auto it = std::upper_bound(runs.begin(), runs.end(), cp,
                             [](uint32_t c, const case_data::Run& r) { return c < r.first; });
  if (it == runs.begin()) return cp;
  const case_data::Run& r = *(it - 1);
  const uint32_t offset = cp - r.first;
  if (offset % r.stride != 0 || offset / r.stride >= r.count) return cp;
  return static_cast<uint32_t>(static_cast<int64_t>(cp) + r.delta);
}

const case_data::Multi* find_multi(std::span<const case_data::Multi> table, uint32_t cp) noexcept {
  auto it = std::lower_bound(table.begin(), table.end(), cp,
                             [](const case_data::Multi& m, uint32_t c) { return m.cp < c; });
  return it != table.end() && it->cp == cp ? &*it : nullptr;
}

bool in_ranges(std::span<const case_data::Range> ranges, uint32_t cp) noexcept {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                             [](uint32_t c, const case_data::Range& r) { return c < r.first; });
  return it != ranges.begin() && cp <= (it - 1)->last;
}

// Appends the full mapping of one valid character.
void append_mapped(TrackedString& out, uint32_t cp, std::span<const case_data::Run> runs,
                   std::span<const case_data::Multi> multi) {
  if (const case_data::Multi* m = find_multi(multi, cp)) {
    for (uint32_t to : m->to) {
      if (to != 0) text::append_utf8(out, to);
    }
    return;
  }
  text::append_utf8(out, map_single(runs, cp));
}

constexpr uint32_t kCapitalSigma = 0x03A3;
constexpr std::string_view kCapitalSigmaUtf8 = "\xCE\xA3";

// Final_Sigma's look-ahead: after skipping Case_Ignorable characters, is the next one Cased?
// An invalid byte is neither.
bool cased_follows(std::string_view s, size_t i) noexcept {
  while (i < s.size()) {
    const text::Char c = text::decode(s, i);
    if (!c.valid) return false;
    if (!in_ranges(case_data::kCaseIgnorable, c.cp)) return in_ranges(case_data::kCased, c.cp);
    i += c.len;
  }
  return false;
}

// ── strtonum (§6.8) ──

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// `s` without leading and trailing White_Space.
std::string_view trim_white_space(std::string_view s) noexcept {
  size_t begin = 0;
  uint32_t len = 0;
  while (begin < s.size() && text::white_space_at(s, begin, len)) begin += len;
  size_t end = begin;
  for (size_t i = begin; i < s.size(); i += len) {
    if (!text::white_space_at(s, i, len)) end = i + len;
  }
  return s.substr(begin, end - begin);
}

// u64::from_str_radix(rest, 16): an optional '+', then hex digits only, no overflow.
double parse_hex(std::string_view rest) noexcept {
  size_t i = !rest.empty() && rest[0] == '+' ? 1 : 0;
  if (i == rest.size()) return 0.0;
  uint64_t v = 0;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    uint64_t d = 0;
    if (is_digit(c)) {
      d = static_cast<uint64_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<uint64_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<uint64_t>(c - 'A' + 10);
    } else {
      return 0.0;
    }
    if (v > (std::numeric_limits<uint64_t>::max() >> 4)) return 0.0;
    v = (v << 4) | d;
  }
  return static_cast<double>(v);
}

// i64::from_str_radix(t, 8) where t starts with '0': octal digits only, no overflow.
double parse_octal(std::string_view t) noexcept {
  int64_t v = 0;
  for (const char c : t) {
    if (c < '0' || c > '7') return 0.0;
    if (v > (kInt64Max >> 3)) return 0.0;
    v = (v << 3) | (c - '0');
  }
  return static_cast<double>(v);
}

// The value of the longest prefix that is a float (VALUE.md §9.2) containing a digit, or a
// sign followed by inf/nan standing alone. The grammar is scanned once, so this is linear.
double longest_float_prefix(std::string_view t) noexcept {
  const size_t n = t.size();
  const bool signed_text = t[0] == '+' || t[0] == '-';
  if (signed_text && n >= 4 && (n == 4 || !is_ascii_alnum(t[4]))) {
    // ASCII case folding by setting bit 5 is safe here: only letters can then equal "inf"/"nan".
    const char word[3] = {static_cast<char>(t[1] | 0x20), static_cast<char>(t[2] | 0x20),
                          static_cast<char>(t[3] | 0x20)};
    const std::string_view w(word, 3);
    if (w == "inf" || w == "nan") {
      double v = 0.0;
      return fusevm::detail::parse_float_strict(t.substr(0, 4), v) ? v : 0.0;
    }
  }
  size_t j = signed_text ? 1 : 0;
  const size_t int_start = j;
  while (j < n && is_digit(t[j])) ++j;
  const bool int_digits = j > int_start;
  size_t accept = int_digits ? j : 0;
  if (j < n && t[j] == '.') {
    const size_t frac_start = ++j;
    while (j < n && is_digit(t[j])) ++j;
    if (int_digits || j > frac_start) accept = j;
  }
  if (accept != 0 && accept == j && j < n && (t[j] == 'e' || t[j] == 'E')) {
    size_t k = j + 1;
    if (k < n && (t[k] == '+' || t[k] == '-')) ++k;
    const size_t exp_start = k;
    while (k < n && is_digit(t[k])) ++k;
    if (k > exp_start) accept = k;
  }
  double v = 0.0;
  return accept != 0 && fusevm::detail::parse_float_strict(t.substr(0, accept), v) ? v : 0.0;
}

double strtonum_text(std::string_view t) noexcept {
  if (t.empty()) return 0.0;
  const char first = t[0];
  if (first != '+' && first != '-' && first != '.' && !is_digit(first)) return 0.0;
  if (first == '0' && t.size() > 1) {
    if (t[1] == 'x' || t[1] == 'X') return parse_hex(t.substr(2));
    if (t.find_first_of(".eE") == std::string_view::npos) return parse_octal(t);
  }
  return longest_float_prefix(t);
}

Value intdiv_or(const Value& a, const Value& b, const Value& on_zero) {
  const double bf = b.to_float();
  if (bf == 0.0) return on_zero;
  const int64_t bi = sat_i64(bf);
  if (bi == 0) return on_zero;
  const int64_t ai = sat_i64(a.to_float());
  // The one quotient int64 cannot hold (the original panics here; AWK.md §9 #2).
  if (ai == kInt64Min && bi == -1) return Value::floating(9223372036854775808.0);
  return Value::floating(static_cast<double>(ai / bi));
}

// The bit helpers' operand (§6.7): truncate, saturate to int64, reinterpret as unsigned.
uint64_t bits_of(const Value& v) noexcept {
  return static_cast<uint64_t>(sat_i64(std::trunc(v.to_float())));
}

template <class Op>
Value fold_bits(std::span<const Value> args, Op op) {
  if (args.empty()) return Value::integer(0);
  uint64_t acc = bits_of(args[0]);
  for (const Value& v : args.subspan(1)) acc = op(acc, bits_of(v));
  return Value::integer(static_cast<int64_t>(acc));
}

}  // namespace

// ── Strings ──

int64_t length(const Value& s) { return count_chars(Text(s).view()); }

Value substr(const Value& s, int64_t m, std::optional<int64_t> n) {
  const Text text(s);
  const std::string_view sv = text.view();
  // Characters at 1-based positions p with m <= p < m + n, clipped to the string (§6.2); the sum
  // saturates instead of wrapping (AWK.md §9 #4).
  const int64_t start = std::max<int64_t>(m, 1);
  const int64_t end = n ? sat_add(m, *n) : kInt64Max;
  if (start >= end) return Value::string("");
  size_t i = 0;
  int64_t pos = 1;
  for (; pos < start && i < sv.size(); ++pos) i += text::decode(sv, i).len;
  if (i >= sv.size()) return Value::string("");
  const size_t first = i;
  for (; pos < end && i < sv.size(); ++pos) i += text::decode(sv, i).len;
  if (first == 0 && i == sv.size() && s.is_str()) return s;  // the whole string: share it
  return Value::string(sv.substr(first, i - first));
}

int64_t index(const Value& s, const Value& t) {
  const Text hay_text(s);
  const Text needle_text(t);
  const std::string_view hay = hay_text.view();
  const std::string_view needle = needle_text.view();
  if (needle.empty()) return 1;
  // A byte match only counts where it starts and ends on character boundaries, which matters
  // only when invalid bytes are involved (valid UTF-8 cannot match mid-character).
  size_t boundary = 0;  // a character boundary of `hay`
  int64_t chars_before = 0;
  for (size_t from = 0;;) {
    const size_t p = hay.find(needle, from);
    if (p == std::string_view::npos) return 0;
    while (boundary < p) {
      boundary += text::decode(hay, boundary).len;
      ++chars_before;
    }
    if (boundary == p) {
      size_t e = p;
      while (e < p + needle.size()) e += text::decode(hay, e).len;
      if (e == p + needle.size()) return chars_before + 1;
    }
    from = p + 1;
  }
}

Value tolower(const Value& s) {
  const Text text(s);
  const std::string_view sv = text.view();
  TrackedString out;
  out.reserve(sv.size());
  // Final_Sigma needs to know whether the last character that is not Case_Ignorable was Cased;
  // that is only tracked when the text has a capital sigma at all.
  const bool has_sigma = sv.find(kCapitalSigmaUtf8) != std::string_view::npos;
  bool cased_before = false;
  for (size_t i = 0; i < sv.size();) {
    const text::Char c = text::decode(sv, i);
    if (!c.valid) {
      out.push_back(sv[i]);
      cased_before = false;
    } else if (c.cp < 0x80) {
      const char ch = static_cast<char>(c.cp);
      out.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + ('a' - 'A')) : ch);
      if (has_sigma && !in_ranges(case_data::kCaseIgnorable, c.cp)) {
        cased_before = in_ranges(case_data::kCased, c.cp);
      }
    } else if (c.cp == kCapitalSigma) {
      const bool final_sigma = cased_before && !cased_follows(sv, i + c.len);
      text::append_utf8(out, final_sigma ? 0x03C2u : 0x03C3u);
      cased_before = true;
    } else {
      append_mapped(out, c.cp, case_data::kLower, case_data::kLowerMulti);
      if (has_sigma && !in_ranges(case_data::kCaseIgnorable, c.cp)) {
        cased_before = in_ranges(case_data::kCased, c.cp);
      }
    }
    i += c.len;
  }
  return make_str(out);
}

Value toupper(const Value& s) {
  const Text text(s);
  const std::string_view sv = text.view();
  TrackedString out;
  out.reserve(sv.size());
  for (size_t i = 0; i < sv.size();) {
    const text::Char c = text::decode(sv, i);
    if (!c.valid) {
      out.push_back(sv[i]);
    } else if (c.cp < 0x80) {
      const char ch = static_cast<char>(c.cp);
      out.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - ('a' - 'A')) : ch);
    } else {
      append_mapped(out, c.cp, case_data::kUpper, case_data::kUpperMulti);
    }
    i += c.len;
  }
  return make_str(out);
}

// ── Numbers ──

Value int_(const Value& x) {
  const double t = std::trunc(x.to_float());
  if (std::isfinite(t) && t >= -0x1p63 && t <= 0x1p63) return Value::integer(sat_i64(t));
  return Value::floating(t);
}

// sqrt and log keep libm's NaN as it is (§4.6); sin, cos, exp and atan2 canonicalise it (§6.6).
Value sqrt(const Value& x) { return Value::floating(std::sqrt(x.to_float())); }
Value sin(const Value& x) { return Value::floating(canonical_nan(std::sin(x.to_float()))); }
Value cos(const Value& x) { return Value::floating(canonical_nan(std::cos(x.to_float()))); }
Value exp(const Value& x) { return Value::floating(canonical_nan(std::exp(x.to_float()))); }
Value log(const Value& x) { return Value::floating(std::log(x.to_float())); }
Value atan2(const Value& y, const Value& x) {
  return Value::floating(canonical_nan(std::atan2(y.to_float(), x.to_float())));
}

Value bit_and(std::span<const Value> args) {
  return fold_bits(args, [](uint64_t a, uint64_t b) { return a & b; });
}
Value bit_or(std::span<const Value> args) {
  return fold_bits(args, [](uint64_t a, uint64_t b) { return a | b; });
}
Value bit_xor(std::span<const Value> args) {
  return fold_bits(args, [](uint64_t a, uint64_t b) { return a ^ b; });
}
Value bit_compl(const Value& v) { return Value::integer(static_cast<int64_t>(~bits_of(v))); }
// The count is taken modulo 64, so a negative count shifts by 63 (lshift(1, -1) = INT64_MIN).
Value lshift(const Value& v, const Value& n) {
  return Value::integer(static_cast<int64_t>(bits_of(v) << (bits_of(n) & 63)));
}
Value rshift(const Value& v, const Value& n) {
  return Value::integer(static_cast<int64_t>(bits_of(v) >> (bits_of(n) & 63)));
}

Value strtonum(const Value& s) {
  const Text text(s);
  return Value::floating(strtonum_text(trim_white_space(text.view())));
}

// ── Characters and scalars ──

// An invalid first byte reports the byte's own value.
Value ord(const Value& s) {
  const Text text(s);
  const std::string_view sv = text.view();
  if (sv.empty()) return Value::floating(0.0);
  return Value::floating(static_cast<double>(text::decode(sv, 0).cp));
}

Value chr(const Value& n) {
  const uint32_t cp = sat_u32(n.to_float());
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return Value::string("");
  std::string out;
  text::append_utf8(out, cp);
  return Value::string(out);
}

Value mkbool(const Value& x) { return Value::floating(x.is_truthy() ? 1.0 : 0.0); }

Value intdiv(const Value& a, const Value& b) { return intdiv_or(a, b, Value::undef()); }
Value intdiv0(const Value& a, const Value& b) { return intdiv_or(a, b, Value::floating(0.0)); }

// ── PRNG (§6.10) ──

double rand_next(uint64_t& seed) {
  seed = seed * 1103515245u + 12345u;  // wraps modulo 2^64
  return static_cast<double>((seed >> 16) & 0x7fff) / 32768.0;
}

double srand(uint64_t& seed, const Value* x) {
  const uint64_t previous = seed;
  if (x != nullptr) {
    seed = sat_u32(x->to_float());
  } else {
    // Whole seconds since the epoch XOR the nanoseconds within the second (0 before the epoch).
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
    const int64_t kNsPerSecond = 1000000000;
    seed = ns < 0 ? 0
                  : static_cast<uint64_t>(ns / kNsPerSecond) ^
                        static_cast<uint64_t>(ns % kNsPerSecond);
  }
  return static_cast<double>(previous & 0xffffffffu);
}

}  // namespace fusevm::awk
