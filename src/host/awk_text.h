// Character stepping for the awk builtins (AWK.md §1): text is UTF-8, a "character" is a Unicode
// scalar value, and any byte that does not start a well-formed sequence is one character by itself.
// Internal to src/host.
#pragma once

#include <cstdint>
#include <string_view>

namespace fusevm::awk::text {

/// One character of a byte string.
struct Char {
  uint32_t cp = 0;     ///< the scalar value; for an invalid byte, the byte itself
  uint32_t len = 1;    ///< bytes it occupies (1 for an invalid byte)
  bool valid = true;   ///< false for a byte that is not part of well-formed UTF-8
};

/// The character that starts at s[i] (requires i < s.size()). Overlong forms, surrogates,
/// values above U+10FFFF and truncated sequences are invalid; each of their bytes then counts
/// as a character of its own.
inline Char decode(std::string_view s, size_t i) noexcept {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) return {b0, 1, true};
  // The lead byte gives the length, its payload bits and the smallest value that length may
  // encode (anything below is an overlong form).
  uint32_t len = 4;
  uint32_t cp = b0 & 0x07u;
  uint32_t min = 0x10000;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1Fu;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0Fu;
    min = 0x800;
  } else if (b0 < 0xF0 || b0 > 0xF4) {
    return {b0, 1, false};
  }
  if (s.size() - i < len) return {b0, 1, false};
  for (uint32_t k = 1; k < len; ++k) {
    const uint8_t b = byte(i + k);
    if ((b & 0xC0) != 0x80) return {b0, 1, false};
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {b0, 1, false};
  return {cp, len, true};
}

/// Appends the UTF-8 encoding of a scalar value (the caller guarantees it is one).
template <class String>
void append_utf8(String& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Unicode White_Space (the set Rust's str::trim and split_whitespace use; stable since 6.3).
inline bool is_white_space(uint32_t cp) noexcept {
  if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D);
  if (cp < 0x85) return false;
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/// True if the character at s[i] is valid and White_Space; `len` receives its length.
inline bool white_space_at(std::string_view s, size_t i, uint32_t& len) noexcept {
  const Char c = decode(s, i);
  len = c.len;
  return c.valid && is_white_space(c.cp);
}

}  // namespace fusevm::awk::text
