// The orderings shared by the comparison ops and the sorts: numeric (Spaceship) and textual
// (StrCmp). Both return -1, 0 or 1.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fusevm/value.h"

namespace fusevm {

/// a <=> b as numbers: Int x Int exactly, anything else as doubles (NaN compares equal).
inline int64_t spaceship(const Value& a, const Value& b) noexcept {
  if (a.is_int() && b.is_int()) return (a.as_int() > b.as_int()) - (a.as_int() < b.as_int());
  const double x = a.to_float(), y = b.to_float();
  return x < y ? -1 : (x > y ? 1 : 0);
}

/// The byte order of two strings.
inline int byte_compare(std::string_view a, std::string_view b) noexcept {
  const int c = a.compare(b);
  return (c > 0) - (c < 0);
}

/// The byte order of two values' text, without building strings for values that are strings.
inline int compare_text(const Value& a, const Value& b) {
  if (a.is_str() && b.is_str()) return byte_compare(a.as_str(), b.as_str());
  const std::string x = a.to_str(), y = b.to_str();
  return byte_compare(x, y);
}

}  // namespace fusevm
