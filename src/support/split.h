// Splitting text into fields and words (for the small table languages: fuse.def patterns).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fusevm::detail {

/// The fields of `s` between each `sep` (n separators give n+1 fields, empty ones included).
inline std::vector<std::string> split_fields(std::string_view s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

/// The words of `s`, separated by runs of spaces and tabs.
inline std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  bool in_word = false;
  for (char c : s) {
    const bool blank = c == ' ' || c == '\t';
    if (!blank && !in_word) out.emplace_back();
    if (!blank) out.back() += c;
    in_word = !blank;
  }
  return out;
}

}  // namespace fusevm::detail
