// The words environment variables use for "off", and the trimming and case folding before the
// comparison (FUSEVM_JIT, FUSEVM_JIT_CACHE_DIR, FUSEVM_JIT_CACHE_MAX_BYTES, ...).
#pragma once

#include <cctype>
#include <string>

namespace fusevm::jit {

/// `text` without surrounding white space, lower-cased.
inline std::string lower_trimmed(const char* text) {
  std::string s(text);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  s.erase(0, i);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// True for "", "off", "0", "no", "false", "none", "disabled" (any case, any surrounding space).
inline bool means_off(const char* text) {
  const std::string s = lower_trimmed(text);
  return s.empty() || s == "off" || s == "0" || s == "no" || s == "false" || s == "none" || s == "disabled";
}

}  // namespace fusevm::jit
