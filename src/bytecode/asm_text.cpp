// Lexical pieces of the .fvm assembly format (see asm_text.h).
#include "asm_text.h"

#include <bit>
#include <cmath>
#include <limits>

#include "value/number_text.h"

namespace fusevm::fvm {
namespace {

// The NaN that `nan` stands for: what std::numeric_limits<double>::quiet_NaN() is on every
// platform we build for, spelled out so the text means the same bits everywhere.
constexpr uint64_t kDefaultNaNBits = 0x7ff8000000000000ull;
constexpr char kHexDigits[] = "0123456789abcdef";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

bool is_delimiter(char c) {
  switch (c) {
    case ';':
    case '"':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '=':
      return true;
    default:
      return is_space(c);
  }
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_hex_byte(std::string& out, unsigned char c) {
  out += "\\x";
  out += kHexDigits[c >> 4];
  out += kHexDigits[c & 15];
}

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 if there is none. `cp`
// receives its code point.
size_t utf8_sequence(std::string_view s, size_t i, uint32_t& cp) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (size_t k = 1; k < len; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
    return 0;
  return len;
}

// Code points that are valid but would mislead a reader of the listing: C1 controls, line and
// paragraph separators, bidirectional overrides and the byte-order mark. They are escaped byte
// by byte, which reads back to the same bytes.
bool invisible(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F || cp == 0x2028 ||
         cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0xFEFF;
}

}  // namespace

bool is_identifier(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && is_digit(c));
    if (!ok) return false;
  }
  return true;
}

std::optional<ValueType> value_type_from_keyword(std::string_view word) noexcept {
  for (uint8_t t = 0; t <= static_cast<uint8_t>(ValueType::NativeFn); ++t)
    if (value_type_name(static_cast<ValueType>(t)) == word) return static_cast<ValueType>(t);
  return std::nullopt;
}

std::string operand_type_name(OperandKind kind) {
  if (operand_is_float(kind)) return "f64";
  std::string name(operand_is_signed(kind) ? "i" : "u");
  name += std::to_string(8 * operand_width(kind));
  return name;
}

void append_quoted(std::string& out, std::string_view bytes) {
  out += '"';
  size_t i = 0;
  while (i < bytes.size()) {
    auto c = static_cast<unsigned char>(bytes[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          append_hex_byte(out, c);
        } else if (c < 0x80) {
          out += static_cast<char>(c);
        } else {
          uint32_t cp = 0;
          size_t len = utf8_sequence(bytes, i, cp);
          if (len == 0 || invisible(cp)) {
            append_hex_byte(out, c);
          } else {
            out.append(bytes.substr(i, len));
            i += len;
            continue;
          }
        }
    }
    ++i;
  }
  out += '"';
}

void append_float(std::string& out, double f) {
  if (std::isnan(f)) {
    auto bits = std::bit_cast<uint64_t>(f);
    if (bits == kDefaultNaNBits) {
      out += "nan";
      return;
    }
    out += "nan:0x";
    for (int shift = 60; shift >= 0; shift -= 4) out += kHexDigits[(bits >> shift) & 15];
    return;
  }
  if (std::isinf(f)) {
    out += f < 0 ? "-inf" : "inf";
    return;
  }
  detail::append_float_json(out, f);
}

std::string describe_token(std::string_view token) {
  constexpr size_t kMaxShown = 40;
  std::string out = "'";
  for (size_t i = 0; i < token.size() && i < kMaxShown; ++i) {
    auto c = static_cast<unsigned char>(token[i]);
    if (c < 0x20 || c >= 0x7f)
      append_hex_byte(out, c);
    else
      out += static_cast<char>(c);
  }
  if (token.size() > kMaxShown) out += "...";
  out += '\'';
  return out;
}

NumberStatus parse_integer(std::string_view word, IntegerText& out) noexcept {
  IntegerText n;
  size_t i = 0;
  if (!word.empty() && (word[0] == '-' || word[0] == '+')) {
    n.negative = word[0] == '-';
    i = 1;
  }
  std::string_view body = word.substr(i);
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    if (i != 0) return NumberStatus::Syntax;  // hex gives bits, which have no sign
    n.hex = true;
    body.remove_prefix(2);
    for (char c : body)
      if (hex_value(c) < 0) return NumberStatus::Syntax;
    for (char c : body) {
      if (n.magnitude > (UINT64_MAX >> 4)) return NumberStatus::Overflow;
      n.magnitude = (n.magnitude << 4) | static_cast<uint64_t>(hex_value(c));
    }
  } else {
    if (body.empty()) return NumberStatus::Syntax;
    for (char c : body)
      if (!is_digit(c)) return NumberStatus::Syntax;
    for (char c : body) {
      auto d = static_cast<uint64_t>(c - '0');
      if (n.magnitude > (UINT64_MAX - d) / 10) return NumberStatus::Overflow;
      n.magnitude = n.magnitude * 10 + d;
    }
  }
  out = n;
  return NumberStatus::Ok;
}

std::optional<uint64_t> integer_bits(const IntegerText& n, unsigned width,
                                     bool is_signed) noexcept {
  const uint64_t mask = width >= 8 ? UINT64_MAX : (uint64_t{1} << (8 * width)) - 1;
  if (n.hex || !is_signed) {
    if (n.negative && n.magnitude != 0) return std::nullopt;
    if (n.magnitude > mask) return std::nullopt;
    return n.magnitude;
  }
  const uint64_t limit = uint64_t{1} << (8 * width - 1);  // |minimum| of the signed field
  if (n.negative) {
    if (n.magnitude > limit) return std::nullopt;
    return (uint64_t{0} - n.magnitude) & mask;
  }
  if (n.magnitude >= limit) return std::nullopt;
  return n.magnitude;
}

NumberStatus parse_float(std::string_view word, double& out) noexcept {
  if (word == "inf" || word == "+inf") {
    out = std::numeric_limits<double>::infinity();
    return NumberStatus::Ok;
  }
  if (word == "-inf") {
    out = -std::numeric_limits<double>::infinity();
    return NumberStatus::Ok;
  }
  if (word == "nan") {
    out = std::bit_cast<double>(kDefaultNaNBits);
    return NumberStatus::Ok;
  }
  constexpr std::string_view kNaNBits = "nan:0x";
  if (word.substr(0, kNaNBits.size()) == kNaNBits) {
    std::string_view digits = word.substr(kNaNBits.size());
    if (digits.empty() || digits.size() > 16) return NumberStatus::Syntax;
    uint64_t bits = 0;
    for (char c : digits) {
      int v = hex_value(c);
      if (v < 0) return NumberStatus::Syntax;
      bits = (bits << 4) | static_cast<uint64_t>(v);
    }
    double f = std::bit_cast<double>(bits);
    if (!std::isnan(f)) return NumberStatus::Syntax;
    out = f;
    return NumberStatus::Ok;
  }
  // sign? (digits [. digits*] | . digits) ([eE] sign? digits)? — checked here so that
  // parse_float_strict's extra spellings (infinity, NaN in any case) are not accepted.
  size_t p = 0;
  if (p < word.size() && (word[p] == '+' || word[p] == '-')) ++p;
  size_t mantissa_digits = 0;
  while (p < word.size() && is_digit(word[p])) ++p, ++mantissa_digits;
  if (p < word.size() && word[p] == '.') {
    ++p;
    while (p < word.size() && is_digit(word[p])) ++p, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return NumberStatus::Syntax;
  if (p < word.size() && (word[p] == 'e' || word[p] == 'E')) {
    ++p;
    if (p < word.size() && (word[p] == '+' || word[p] == '-')) ++p;
    size_t exponent_digits = 0;
    while (p < word.size() && is_digit(word[p])) ++p, ++exponent_digits;
    if (exponent_digits == 0) return NumberStatus::Syntax;
  }
  if (p != word.size()) return NumberStatus::Syntax;
  double f = 0;
  if (!detail::parse_float_strict(word, f)) return NumberStatus::Syntax;
  if (std::isinf(f)) return NumberStatus::Overflow;
  out = f;
  return NumberStatus::Ok;
}

size_t LineCursor::column(size_t pos) const noexcept {
  size_t col = 1;
  for (size_t i = 0; i < pos && i < line_.size(); ++i)
    if ((static_cast<unsigned char>(line_[i]) & 0xC0) != 0x80) ++col;
  return col;
}

size_t LineCursor::skip_space() noexcept {
  while (pos_ < line_.size() && is_space(line_[pos_])) ++pos_;
  return pos_;
}

bool LineCursor::at_end() noexcept {
  skip_space();
  return pos_ >= line_.size() || line_[pos_] == ';';
}

int LineCursor::peek() noexcept {
  if (at_end()) return -1;
  return static_cast<unsigned char>(line_[pos_]);
}

bool LineCursor::consume(char c) noexcept {
  if (peek() != static_cast<unsigned char>(c)) return false;
  ++pos_;
  return true;
}

std::string_view LineCursor::read_word() noexcept {
  size_t start = skip_space();
  while (pos_ < line_.size() && !is_delimiter(line_[pos_])) ++pos_;
  return line_.substr(start, pos_ - start);
}

std::string LineCursor::describe_next() {
  if (at_end()) return "end of line";
  char c = line_[pos_];
  if (c == '"') return "a string";
  if (is_delimiter(c)) return std::string("'") + c + "'";
  size_t saved = pos_;
  std::string_view word = read_word();
  pos_ = saved;
  return describe_token(word);
}

bool LineCursor::read_string(std::string& out, TextError& error) {
  const size_t open = skip_space();
  out.clear();
  if (open >= line_.size() || line_[open] != '"') {
    error.pos = open;
    error.what = "expected a string, found " + describe_next();
    return false;
  }
  size_t p = open + 1;
  while (p < line_.size()) {
    char c = line_[p];
    if (c == '"') {
      pos_ = p + 1;
      return true;
    }
    if (c != '\\') {
      out += c;
      ++p;
      continue;
    }
    if (p + 1 >= line_.size()) break;  // a backslash at the end of the line: unterminated
    char e = line_[p + 1];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '\\':
      case '"':
        out += e;
        break;
      case 'x': {
        int hi = p + 2 < line_.size() ? hex_value(line_[p + 2]) : -1;
        int lo = p + 3 < line_.size() ? hex_value(line_[p + 3]) : -1;
        if (hi < 0 || lo < 0) {
          error.pos = p;
          error.what = "\\x needs two hex digits (\\x00 to \\xff)";
          return false;
        }
        out += static_cast<char>(hi * 16 + lo);
        p += 4;
        continue;
      }
      default:
        error.pos = p;
        error.what = "unknown escape " + describe_token(line_.substr(p, 2)) +
                     " (use \\n, \\t, \\r, \\\\, \\\" or \\xHH)";
        return false;
    }
    p += 2;
  }
  error.pos = open;
  error.what = "unterminated string (a string must end on the line it starts)";
  return false;
}

}  // namespace fusevm::fvm
