// The awk time builtins (AWK.md §6.9, §6.11, §6.12): systime, strftime in the dialect of the
// original's date library (chrono), and mktime without normalisation.
//
// The calendar is computed here (proleptic Gregorian on 64-bit day numbers); the C library is
// asked only for the local zone's UTC offset at an instant (localtime_r's tm_gmtoff), so there is
// no static buffer and no fixed-size output. Timestamps outside chrono's range (years -262143 to
// 262142) format as "". The dialect is that of chrono 0.4.44, the version the original pins (so
// %q, the quarter, is supported). A specifier chrono cannot format — where the original panics —
// is copied to the output literally: exactly the characters chrono consumed for it, as chrono's
// own lenient mode does (AWK.md §9 #3).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <span>
#include <string>

#include "fusevm/awk_host.h"
#include "host/awk_text.h"

namespace fusevm::awk {
namespace {

using TrackedString =
    std::basic_string<char, std::char_traits<char>, fusevm::detail::TrackedAllocator<char>>;

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kMinYear = -262143;  // chrono's NaiveDate range (0.4.44)
constexpr int64_t kMaxYear = 262142;
constexpr std::string_view kDefaultFormat = "%a %b %e %H:%M:%S %Z %Y";

constexpr std::string_view kShortDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::string_view kLongDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
constexpr std::string_view kShortMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::string_view kLongMonths[] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};

constexpr int64_t floor_div(int64_t a, int64_t b) noexcept {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}
int64_t floor_mod(int64_t a, int64_t b) noexcept { return a - floor_div(a, b) * b; }

bool is_leap(int64_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int64_t y, unsigned m) noexcept {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t mp = (m + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(int64_t z) noexcept {
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const auto d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const auto m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

unsigned weekday_of(int64_t days) noexcept {  // 0 = Sunday; 1970-01-01 was a Thursday
  return static_cast<unsigned>(floor_mod(days + 4, 7));
}

// 53 when 1 January is a Thursday, or a Wednesday in a leap year.
unsigned iso_weeks_in(int64_t y) noexcept {
  const unsigned jan1 = weekday_of(days_from_civil(y, 1, 1));
  return jan1 == 4 || (jan1 == 3 && is_leap(y)) ? 53 : 52;
}

constexpr int64_t kMinDay = days_from_civil(kMinYear, 1, 1);
constexpr int64_t kMaxDay = days_from_civil(kMaxYear, 12, 31);

// The local zone's offset from UTC at an instant, in seconds.
bool local_offset(int64_t secs, int64_t& offset) noexcept {
  if (secs < std::numeric_limits<time_t>::min() || secs > std::numeric_limits<time_t>::max()) {
    return false;
  }
  const auto t = static_cast<time_t>(secs);
  struct tm tm {};
  if (localtime_r(&t, &tm) == nullptr) return false;
  offset = tm.tm_gmtoff;
  return offset > -kSecondsPerDay && offset < kSecondsPerDay;
}

// A moment broken down the way the formatter needs it.
struct Moment {
  int64_t timestamp = 0;  // seconds since the epoch (UTC)
  uint32_t nanos = 0;
  int64_t offset = 0;  // local minus UTC, seconds
  bool utc = true;
  int64_t year = 0;
  unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0;
  unsigned weekday = 0;  // 0 = Sunday
  unsigned ordinal = 1;  // day of the year, 1-based
  int64_t iso_year = 0;
  unsigned iso_week = 1;
};

Moment break_down(int64_t timestamp, uint32_t nanos, int64_t offset, bool utc) noexcept {
  Moment m;
  m.timestamp = timestamp;
  m.nanos = nanos;
  m.offset = offset;
  m.utc = utc;
  const int64_t local = timestamp + offset;
  const int64_t days = floor_div(local, kSecondsPerDay);
  const int64_t in_day = local - days * kSecondsPerDay;
  const Civil c = civil_from_days(days);
  m.year = c.year;
  m.month = c.month;
  m.day = c.day;
  m.hour = static_cast<unsigned>(in_day / 3600);
  m.minute = static_cast<unsigned>(in_day / 60 % 60);
  m.second = static_cast<unsigned>(in_day % 60);
  m.weekday = weekday_of(days);
  m.ordinal = static_cast<unsigned>(days - days_from_civil(c.year, 1, 1) + 1);
  // ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday.
  const int64_t iso_weekday = m.weekday == 0 ? 7 : m.weekday;
  const int64_t week = (static_cast<int64_t>(m.ordinal) - iso_weekday + 10) / 7;
  m.iso_year = c.year;
  if (week < 1) {
    m.iso_year = c.year - 1;
    m.iso_week = iso_weeks_in(c.year - 1);
  } else if (week > iso_weeks_in(c.year)) {
    m.iso_year = c.year + 1;
    m.iso_week = 1;
  } else {
    m.iso_week = static_cast<unsigned>(week);
  }
  return m;
}

// ── Output primitives, each matching one of chrono's writers ──

enum class Pad : uint8_t { None, Zero, Space };

// chrono's write_n: Rust's `{}`, `{:0w}`, `{:w}`, and with `always_sign` `{:+}`, `{:+0w+1}`,
// `{:+w+1}` (the sign then does not eat into the width).
void write_n(TrackedString& out, size_t width, int64_t v, Pad pad, bool always_sign) {
  if (always_sign) ++width;
  const uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  std::string digits = std::to_string(magnitude);
  const char sign = v < 0 ? '-' : (always_sign ? '+' : '\0');
  const size_t used = digits.size() + (sign != '\0' ? 1 : 0);
  const size_t fill = pad != Pad::None && used < width ? width - used : 0;
  if (pad == Pad::Space) out.append(fill, ' ');
  if (sign != '\0') out.push_back(sign);
  if (pad == Pad::Zero) out.append(fill, '0');
  out.append(digits);
}

// chrono's two-digit writer. It is given the value truncated to 8 bits (Rust `as u8`), so
// %C of a year outside 0–9999 prints a non-digit tens character, exactly as the original does.
void write_two(TrackedString& out, uint8_t v, Pad pad) {
  const unsigned tens = v / 10u;
  if (tens != 0 || pad == Pad::Zero) {
    out.push_back(static_cast<char>('0' + tens));
  } else if (pad == Pad::Space) {
    out.push_back(' ');
  }
  out.push_back(static_cast<char>('0' + v % 10u));
}

// Four digits for 1000–9999 whatever the padding; otherwise a sign outside 0–9999.
void write_year(TrackedString& out, int64_t year, Pad pad) {
  if (year >= 1000 && year <= 9999) {
    write_n(out, 4, year, Pad::Zero, false);
  } else {
    write_n(out, 4, year, pad, year < 0 || year > 9999);
  }
}

enum class Precision : uint8_t { Hours, Minutes, Seconds };

// chrono's OffsetFormat with zero padding and no "Z": minutes are rounded, hours truncated.
void write_offset(TrackedString& out, int64_t offset, Precision precision, bool colons) {
  const char sign = offset < 0 ? '-' : '+';
  const int64_t a = offset < 0 ? -offset : offset;
  int64_t hours = a / 3600;
  int64_t mins = 0;
  int64_t secs = 0;
  if (precision == Precision::Minutes) {
    const int64_t minutes = (a + 30) / 60;
    mins = minutes % 60;
    hours = minutes / 60;
  } else if (precision == Precision::Seconds) {
    secs = a % 60;
    mins = a / 60 % 60;
    hours = a / 3600;
  }
  out.push_back(sign);
  write_two(out, static_cast<uint8_t>(hours), Pad::Zero);
  if (precision == Precision::Hours) return;
  if (colons) out.push_back(':');
  write_two(out, static_cast<uint8_t>(mins), Pad::Zero);
  if (precision == Precision::Minutes) return;
  if (colons) out.push_back(':');
  write_two(out, static_cast<uint8_t>(secs), Pad::Zero);
}

// %Z: "UTC" for UTC, else the offset as chrono prints a FixedOffset (+hh:mm, or +hh:mm:ss).
void write_zone_name(TrackedString& out, const Moment& m) {
  if (m.utc) {
    out.append("UTC");
    return;
  }
  const int64_t a = m.offset < 0 ? -m.offset : m.offset;
  write_offset(out, m.offset, a % 60 != 0 ? Precision::Seconds : Precision::Minutes, true);
}

// Fractional seconds: 3, 6 or 9 digits, with or without the leading dot.
void write_fraction(TrackedString& out, uint32_t nanos, int digits, bool dot) {
  if (dot) out.push_back('.');
  const uint32_t v = digits == 3 ? nanos / 1000000 : digits == 6 ? nanos / 1000 : nanos;
  write_n(out, static_cast<size_t>(digits), v, Pad::Zero, false);
}

// %.f: nothing for a whole second, else the shortest of 3, 6 or 9 digits that is exact.
void write_auto_fraction(TrackedString& out, uint32_t nanos) {
  if (nanos == 0) return;
  write_fraction(out, nanos, nanos % 1000000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9, true);
}

void write_rfc3339(TrackedString& out, const Moment& m) {
  if (m.year >= 0 && m.year <= 9999) {
    write_n(out, 4, m.year, Pad::Zero, false);
  } else {
    write_n(out, 4, m.year, Pad::Zero, true);
  }
  out.push_back('-');
  write_two(out, static_cast<uint8_t>(m.month), Pad::Zero);
  out.push_back('-');
  write_two(out, static_cast<uint8_t>(m.day), Pad::Zero);
  out.push_back('T');
  write_two(out, static_cast<uint8_t>(m.hour), Pad::Zero);
  out.push_back(':');
  write_two(out, static_cast<uint8_t>(m.minute), Pad::Zero);
  out.push_back(':');
  write_two(out, static_cast<uint8_t>(m.second), Pad::Zero);
  write_auto_fraction(out, m.nanos);
  write_offset(out, m.offset, Precision::Minutes, true);
}

// The numeric specifiers (the only ones a padding modifier may apply to), with their default
// padding. Returns false for any other character.
bool write_numeric(TrackedString& out, const Moment& m, char spec, const Pad* pad_override) {
  Pad pad = Pad::Zero;
  if (spec == 'e' || spec == 'k' || spec == 'l') pad = Pad::Space;
  if (spec == 'q' || spec == 's' || spec == 'u' || spec == 'w') pad = Pad::None;
  if (pad_override != nullptr) pad = *pad_override;
  const auto two = [&](int64_t v) { write_two(out, static_cast<uint8_t>(v), pad); };
  const int64_t ordinal = m.ordinal;
  switch (spec) {
    case 'Y': write_year(out, m.year, pad); break;
    case 'C': two(floor_div(m.year, 100)); break;
    case 'y': two(floor_mod(m.year, 100)); break;
    case 'G': write_year(out, m.iso_year, pad); break;
    case 'g': two(floor_mod(m.iso_year, 100)); break;
    case 'm': two(m.month); break;
    case 'd': case 'e': two(m.day); break;
    case 'U': two((ordinal - m.weekday + 6) / 7); break;
    case 'W': two((ordinal - (m.weekday + 6) % 7 + 6) / 7); break;
    case 'V': two(m.iso_week); break;
    case 'q': out.push_back(static_cast<char>('0' + (m.month - 1) / 3 + 1)); break;
    case 'w': out.push_back(static_cast<char>('0' + m.weekday)); break;
    case 'u': out.push_back(static_cast<char>('0' + (m.weekday == 0 ? 7 : m.weekday))); break;
    case 'j': write_n(out, 3, m.ordinal, pad, false); break;
    case 'H': case 'k': two(m.hour); break;
    case 'I': case 'l': two(m.hour % 12 == 0 ? 12 : m.hour % 12); break;
    case 'M': two(m.minute); break;
    case 'S': two(m.second); break;
    case 'f': write_n(out, 9, m.nanos, pad, false); break;
    case 's': write_n(out, 9, m.timestamp, pad, false); break;
    default: return false;
  }
  return true;
}

void format_into(TrackedString& out, std::string_view fmt, const Moment& m);

// The fixed and composite specifiers. Returns false for a character that is none of them.
bool write_fixed(TrackedString& out, const Moment& m, char spec) {
  switch (spec) {
    case 'a': out.append(kShortDays[m.weekday]); break;
    case 'A': out.append(kLongDays[m.weekday]); break;
    case 'b': case 'h': out.append(kShortMonths[m.month - 1]); break;
    case 'B': out.append(kLongMonths[m.month - 1]); break;
    case 'p': out.append(m.hour >= 12 ? "PM" : "AM"); break;
    case 'P': out.append(m.hour >= 12 ? "pm" : "am"); break;
    case 'Z': write_zone_name(out, m); break;
    case 'z': write_offset(out, m.offset, Precision::Minutes, false); break;
    case '+': write_rfc3339(out, m); break;
    case 'n': out.push_back('\n'); break;
    case 't': out.push_back('\t'); break;
    case '%': out.push_back('%'); break;
    case 'D': case 'x': format_into(out, "%m/%d/%y", m); break;
    case 'F': format_into(out, "%Y-%m-%d", m); break;
    case 'R': format_into(out, "%H:%M", m); break;
    case 'T': case 'X': format_into(out, "%H:%M:%S", m); break;
    case 'r': format_into(out, "%I:%M:%S %p", m); break;
    case 'c': format_into(out, "%a %b %e %H:%M:%S %Y", m); break;
    case 'v': format_into(out, "%e-%b-%Y", m); break;
    default: return false;
  }
  return true;
}

constexpr std::string_view kNumericSpecs = "CGHIMSUVWYdefgjklmqsuwy";

// Formats one specifier whose '%' is at fmt[i - 1], advancing `i` past every character chrono's
// parser consumes for it, and returns false when chrono would fail on it. Parsing completes
// before anything is rejected, so a failed specifier covers the same characters as in chrono.
bool format_spec(TrackedString& out, std::string_view fmt, size_t& i, const Moment& m) {
  const auto next = [&](char& c) {
    if (i >= fmt.size()) return false;
    c = fmt[i];
    i += text::decode(fmt, i).len;  // a non-ASCII character is consumed whole
    return true;
  };
  char spec = 0;
  if (!next(spec)) return false;
  Pad pad = Pad::Zero;
  bool pad_override = false;
  if (spec == '-' || spec == '0' || spec == '_') {
    pad = spec == '-' ? Pad::None : spec == '0' ? Pad::Zero : Pad::Space;
    pad_override = true;
    if (!next(spec)) return false;
  } else if (spec == '#') {
    next(spec);  // %#z exists only for parsing; formatting it fails like every other %#
    return false;
  }
  if (kNumericSpecs.find(spec) != std::string_view::npos) {
    write_numeric(out, m, spec, pad_override ? &pad : nullptr);
    return true;
  }
  // Everything else rejects a padding modifier, but only once its own characters are consumed.
  if (spec == ':') {
    const std::string_view rest = fmt.substr(i);
    Precision precision = Precision::Minutes;
    if (rest.starts_with("::z")) {
      precision = Precision::Hours;
    } else if (rest.starts_with(":z")) {
      precision = Precision::Seconds;
    } else if (!rest.starts_with("z")) {
      return false;
    }
    i += precision == Precision::Hours ? 3 : precision == Precision::Seconds ? 2 : 1;
    if (pad_override) return false;
    write_offset(out, m.offset, precision, precision != Precision::Hours);
    return true;
  }
  if (spec == '.' || spec == '3' || spec == '6' || spec == '9') {
    const bool dot = spec == '.';
    char digits = spec;
    if (dot && !next(digits)) return false;
    if (dot && digits == 'f') {
      if (pad_override) return false;
      write_auto_fraction(out, m.nanos);
      return true;
    }
    if (digits != '3' && digits != '6' && digits != '9') return false;
    char f = 0;
    if (!next(f) || f != 'f' || pad_override) return false;
    write_fraction(out, m.nanos, digits - '0', dot);
    return true;
  }
  if (pad_override) return false;
  return write_fixed(out, m, spec);
}

void format_into(TrackedString& out, std::string_view fmt, const Moment& m) {
  for (size_t i = 0; i < fmt.size();) {
    const size_t pct = fmt.find('%', i);
    if (pct != i) {
      const size_t end = pct == std::string_view::npos ? fmt.size() : pct;
      out.append(fmt.substr(i, end - i));
      i = end;
      continue;
    }
    size_t j = i + 1;
    const size_t mark = out.size();
    if (!format_spec(out, fmt, j, m)) {
      out.resize(mark);
      out.append(fmt.substr(i, j - i));
    }
    i = j;
  }
}

// Rust's `f as i64`.
int64_t sat_i64(double f) noexcept {
  if (std::isnan(f)) return 0;
  if (f >= 0x1p63) return std::numeric_limits<int64_t>::max();
  if (f < -0x1p63) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(f);
}

// ── mktime ──

// Rust's str::parse for i32 (`allow_minus`) or u32: an optional sign, ASCII digits, no overflow.
bool parse_field(std::string_view s, bool allow_minus, int64_t limit, int64_t& out) noexcept {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || (allow_minus && s[0] == '-'))) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  int64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
    if (v > limit + (negative ? 1 : 0)) return false;
  }
  out = negative ? -v : v;
  return true;
}

// The instant whose local time is `local` (a naive time as seconds since the epoch), when there
// is exactly one: a time in a DST gap has none and one in an overlap has two. The zone offsets
// in force up to a day either side are the only candidates.
bool local_to_utc(int64_t local, int64_t& result) noexcept {
  int64_t found[5] = {};
  size_t count = 0;
  for (const int64_t probe : {-kSecondsPerDay, -kSecondsPerDay / 2, int64_t{0},
                              kSecondsPerDay / 2, kSecondsPerDay}) {
    int64_t offset = 0;
    int64_t check = 0;
    if (!local_offset(local + probe, offset)) continue;
    const int64_t t = local - offset;
    if (!local_offset(t, check) || t + check != local) continue;
    bool seen = false;
    for (size_t k = 0; k < count; ++k) seen = seen || found[k] == t;
    if (!seen) found[count++] = t;
  }
  if (count != 1) return false;
  result = found[0];
  return true;
}

double mktime_text(std::string_view spec, bool utc) {
  std::string_view fields[6];
  size_t count = 0;
  uint32_t len = 0;
  for (size_t i = 0; i < spec.size() && count < 6;) {
    if (text::white_space_at(spec, i, len)) {
      i += len;
      continue;
    }
    const size_t start = i;
    while (i < spec.size() && !text::white_space_at(spec, i, len)) i += len;
    fields[count++] = spec.substr(start, i - start);
  }
  if (count < 6) return -1.0;
  int64_t v[6];
  const int64_t kU32 = std::numeric_limits<uint32_t>::max();
  if (!parse_field(fields[0], true, std::numeric_limits<int32_t>::max(), v[0])) return -1.0;
  for (size_t k = 1; k < 6; ++k) {
    if (!parse_field(fields[k], false, kU32, v[k])) return -1.0;
  }
  const int64_t year = v[0];
  if (year < kMinYear || year > kMaxYear || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
      v[2] > days_in_month(year, static_cast<unsigned>(v[1])) || v[3] > 23 || v[4] > 59 ||
      v[5] > 59) {
    return -1.0;
  }
  const int64_t naive = days_from_civil(year, static_cast<unsigned>(v[1]),
                                        static_cast<unsigned>(v[2])) * kSecondsPerDay +
                        v[3] * 3600 + v[4] * 60 + v[5];
  if (utc) return static_cast<double>(naive);
  tzset();  // pick up a changed TZ, as the original's library does
  int64_t instant = 0;
  return local_to_utc(naive, instant) ? static_cast<double>(instant) : -1.0;
}

}  // namespace

Value systime() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
  if (ns < 0) return Value::floating(0.0);
  return Value::floating(static_cast<double>(ns / 1000000000) +
                         static_cast<double>(ns % 1000000000) / 1e9);
}

Value strftime(std::span<const Value> args) {
  std::string fmt(kDefaultFormat);
  if (!args.empty()) fmt = args[0].to_str();
  const double ts = args.size() >= 2 ? args[1].to_float() : systime().as_float();
  const bool utc = args.size() >= 3 && args[2].to_float() != 0.0;  // NaN counts as true

  const int64_t secs = sat_i64(std::floor(ts));
  const double frac = std::round((ts - static_cast<double>(secs)) * 1e9);
  const auto nanos =
      static_cast<uint32_t>(std::isnan(frac) ? 0.0 : std::clamp(frac, 0.0, 999999999.0));
  const int64_t days = floor_div(secs, kSecondsPerDay);
  if (days < kMinDay || days > kMaxDay) {
    return Value::string("");
  }
  int64_t offset = 0;
  if (!utc) {
    tzset();  // pick up a changed TZ, as the original's library does
    if (!local_offset(secs, offset)) return Value::string("");
  }
  TrackedString out;
  format_into(out, fmt, break_down(secs, nanos, offset, utc));
  return Value::string({out.data(), out.size()});
}

Value mktime(std::span<const Value> args) {
  const std::string spec = args.empty() ? std::string() : args[0].to_str();
  const bool utc = args.size() >= 2 && args[1].to_float() != 0.0;
  return Value::floating(mktime_text(spec, utc));
}

}  // namespace fusevm::awk
