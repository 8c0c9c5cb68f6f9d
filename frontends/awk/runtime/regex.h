// awk's regular expressions: POSIX EREs with awk's escapes, matched by RE2 with leftmost-longest
// semantics in time linear in the text, so no input can make a match hang.
//
// Text is bytes (as awk in the C locale): `.` matches one byte, bracket expressions hold bytes.
// Beyond POSIX, the escapes every awk knows are accepted: \n \t \r \f \v \a \b (backspace),
// \/ \" and octal \ooo, also inside bracket expressions; gawk's \y (word boundary), \B, \s, \S,
// \w and \W work too. A `{` that does not start an interval `{n}`, `{n,}`, `{n,m}` is literal,
// and so is a `*`, `+` or `?` with nothing to repeat (`/*x/`), as in gawk and mawk; stacked
// operators (`a**`) count once.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace re2 {
class RE2;
}

namespace fusevm::awkfront {

/// Rewrites an awk ERE into RE2's POSIX syntax. Returns false with `error` set if it is
/// malformed (an unterminated bracket expression, an unknown collating element).
bool translate_ere(std::string_view ere, std::string& re2_pattern, std::string& error);

/// A byte string every match of an ERE contains (the longest run of literal bytes at its top
/// level), used to reject texts with a memchr-speed search before RE2 runs. `exact` when the
/// whole ERE is that literal, so a plain string search finds its leftmost-longest match.
struct RequiredLiteral {
  std::string text;
  bool exact = false;
};
RequiredLiteral required_literal(std::string_view ere);

class Regex {
 public:
  /// Compiles an awk ERE; nullptr and `error` when it is malformed or needs too much memory.
  static std::unique_ptr<Regex> compile(std::string_view ere, std::string& error);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  /// Whether the regex matches anywhere in `text`.
  bool matches(std::string_view text) const;
  /// The leftmost-longest match that starts at or after `from` (`^` still means the start of
  /// `text`, not `from`). Returns false when there is none.
  bool find(std::string_view text, size_t from, size_t& begin, size_t& end) const;
  /// Like find, and fills groups[0..n] (0 = the whole match; an unmatched group is empty with a
  /// null data pointer). n is capped at group_count().
  bool find_groups(std::string_view text, size_t from, std::vector<std::string_view>& groups, int n) const;
  int group_count() const;

 private:
  Regex(std::unique_ptr<re2::RE2> re, RequiredLiteral literal);
  std::unique_ptr<re2::RE2> re_;
  std::string literal_;  // see RequiredLiteral; empty: none
  bool exact_ = false;
};

/// Compiled dynamic regexes (`$0 ~ s`, split(s, a, fs)) by their text. Bounded: when full it
/// starts over, which keeps the common case (a few patterns used in a loop) at one lookup.
class RegexCache {
 public:
  /// The compiled regex for `ere`, or nullptr with `error` set. The pointer stays valid until
  /// the next call.
  const Regex* get(std::string_view ere, std::string& error);

 private:
  static constexpr size_t kMaxEntries = 500;
  std::unordered_map<std::string, std::unique_ptr<Regex>> entries_;
  std::string last_key_;
  const Regex* last_ = nullptr;
};

}  // namespace fusevm::awkfront
