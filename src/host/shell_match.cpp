// Shell string matching and word-level expansions: glob_match (for `case` and `[[ = ]]`),
// brace_expand, tilde_expand and word_split. Pure functions of their input (tilde expansion also
// reads the environment and the password database); no filesystem access.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>

#include "fusevm/shell_host.h"

namespace fusevm::shell {
namespace {

// ── UTF-8 ──

// Bytes that are not part of valid UTF-8 decode to kInvalidBase + byte: distinct from every
// Unicode scalar, so an invalid byte is an ordinary character that only matches itself.
constexpr uint32_t kInvalidBase = 0x110000;

bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

// Decodes the character at s[i] and advances i past it. Overlong forms, surrogates and values
// above U+10FFFF are invalid (their first byte decodes alone).
uint32_t decode_at(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  size_t len = 0;
  uint32_t cp = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  }
  if (len == 0 || i + len > s.size()) {
    ++i;
    return kInvalidBase + b0;
  }
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (!is_cont(b)) {
      ++i;
      return kInvalidBase + b0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool bad = (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
                   (len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
  if (bad) {
    ++i;
    return kInvalidBase + b0;
  }
  i += len;
  return cp;
}

// ── glob_match ──

// POSIX character classes, ASCII only and independent of the locale, so a pattern means the same
// thing in every process.
enum class CharClass : uint8_t { None, Alnum, Alpha, Blank, Cntrl, Digit, Graph, Lower, Print,
                                 Punct, Space, Upper, Xdigit };
constexpr std::pair<std::string_view, CharClass> kClassNames[] = {
    {"alnum", CharClass::Alnum}, {"alpha", CharClass::Alpha}, {"blank", CharClass::Blank},
    {"cntrl", CharClass::Cntrl}, {"digit", CharClass::Digit}, {"graph", CharClass::Graph},
    {"lower", CharClass::Lower}, {"print", CharClass::Print}, {"punct", CharClass::Punct},
    {"space", CharClass::Space}, {"upper", CharClass::Upper}, {"xdigit", CharClass::Xdigit}};

bool in_class(CharClass cls, uint32_t c) {
  const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
  const bool digit = c >= '0' && c <= '9';
  const bool graph = c > 0x20 && c < 0x7F;
  switch (cls) {
    case CharClass::None: return false;  // an unknown class name matches nothing
    case CharClass::Alnum: return upper || lower || digit;
    case CharClass::Alpha: return upper || lower;
    case CharClass::Blank: return c == ' ' || c == '\t';
    case CharClass::Cntrl: return c < 0x20 || c == 0x7F;
    case CharClass::Digit: return digit;
    case CharClass::Graph: return graph;
    case CharClass::Lower: return lower;
    case CharClass::Print: return graph || c == ' ';
    case CharClass::Punct: return graph && !(upper || lower || digit);
    case CharClass::Space: return c == ' ' || (c >= '\t' && c <= '\r');
    case CharClass::Upper: return upper;
    case CharClass::Xdigit: return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
  return false;
}

struct SetItem {
  uint32_t lo = 0, hi = 0;        // an inclusive range (lo == hi for one character)
  CharClass cls = CharClass::None;
  bool is_class = false;
};

struct CharSet {
  bool negate = false;
  std::vector<SetItem> items;

  bool matches(uint32_t c) const {
    bool hit = false;
    for (const SetItem& it : items) {
      if (it.is_class ? in_class(it.cls, c) : (c >= it.lo && c <= it.hi)) {
        hit = true;
        break;
      }
    }
    return hit != negate;
  }
};

struct Token {
  enum class Kind : uint8_t { Char, Any, Star, Set } kind;
  uint32_t ch = 0;   // Char: the character; Set: index into the sets
};

// Bracket-item names (`[:alpha:]`, `[.a.]`, `[=e=]`) are short; bounding the search for their
// end keeps parsing linear.
constexpr size_t kMaxItemName = 32;
constexpr size_t kNone = SIZE_MAX;

// Reads the bracket-expression item at p[j] — a character (a `]` here is a member), an escaped
// character, a range, or a `[:class:]`, `[.c.]` or `[=c=]` item — adding it to `set` if given.
// Returns the index after it, or kNone if the pattern ends inside it (`[a-`, `[a\`, an unclosed
// `[.`): bash and glibc then match nothing at all, and so do we.
size_t read_item(std::string_view p, size_t j, CharSet* set) {
  const char kind = p[j] == '[' && j + 1 < p.size() ? p[j + 1] : '\0';
  if (kind == ':' || kind == '.' || kind == '=') {
    const char close_text[] = {kind, ']', '\0'};
    const size_t close = p.substr(0, j + 4 + kMaxItemName).find(close_text, j + 2);
    if (close != std::string_view::npos) {
      const std::string_view name = p.substr(j + 2, close - j - 2);
      SetItem item;
      if (kind == ':') {
        item.is_class = true;
        for (const auto& [n, cls] : kClassNames)
          if (n == name) item.cls = cls;
      } else if (!name.empty()) {
        // A collating symbol or equivalence class of one character is that character; named
        // or multi-character ones are locale territory and match nothing here.
        size_t k = 0;
        item.lo = item.hi = decode_at(name, k);
        item.is_class = k != name.size();
      } else {
        item.is_class = true;
      }
      if (set) set->items.push_back(item);
      return close + 2;
    }
    if (kind == '.') return kNone;  // an unclosed `[:` or `[=` is just members, as in glibc
  }
  // One character at p[j], escaped or not; false if the pattern ends first.
  auto member = [&](uint32_t& c) {
    if (p[j] == '\\' && ++j == p.size()) return false;
    c = decode_at(p, j);
    return true;
  };
  uint32_t lo = 0;
  if (!member(lo)) return kNone;
  uint32_t hi = lo;
  if (j < p.size() && p[j] == '-' && (j + 1 == p.size() || p[j + 1] != ']')) {
    if (++j == p.size() || !member(hi)) return kNone;
    // a reversed range (z-a) is empty, as in bash
  }
  if (set) set->items.push_back({lo, hi});
  return j;
}

// Where a bracket expression whose items continue at p[j] is closed. Walks from different `[`
// meet at the same item boundaries, so memoising each boundary makes all of them O(|p|) together
// (a pattern like `[[[[…` would otherwise rescan to its end once per `[`).
class BracketEnds {
 public:
  static constexpr size_t kUnclosed = SIZE_MAX - 1;  // no `]`: the `[` is an ordinary character
  static constexpr size_t kMalformed = SIZE_MAX - 2;

  explicit BracketEnds(std::string_view p) : p_(p), memo_(p.size() + 1, kNone) {}

  size_t close_from(size_t j) {
    std::vector<size_t> path;
    size_t result = kUnclosed;
    while (j < p_.size()) {
      if (memo_[j] != kNone) {
        result = memo_[j];
        break;
      }
      if (p_[j] == ']') {
        result = j;
        break;
      }
      path.push_back(j);
      j = read_item(p_, j, nullptr);
      if (j == kNone) {
        result = kMalformed;
        break;
      }
    }
    for (size_t q : path) memo_[q] = result;
    return result;
  }

 private:
  std::string_view p_;
  std::vector<size_t> memo_;
};

// Parses the bracket expression whose `[` is just before `i`; on success `i` moves past its `]`.
// Returns the closing index, kUnclosed or kMalformed.
size_t parse_set(std::string_view p, size_t& i, CharSet& set, BracketEnds& ends) {
  size_t j = i;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
    set.negate = true;
    ++j;
  }
  if (j >= p.size()) return BracketEnds::kUnclosed;
  const size_t after_first = read_item(p, j, nullptr);  // a `]` first is a member
  if (after_first == kNone) return BracketEnds::kMalformed;
  const size_t close = ends.close_from(after_first);
  if (close == BracketEnds::kUnclosed || close == BracketEnds::kMalformed) return close;
  while (j < close) j = read_item(p, j, &set);
  i = close + 1;
  return close;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view s) {
  // A pattern without metacharacters is plain equality; most `case` arms are like that.
  if (pattern.find_first_of("*?[\\") == std::string_view::npos) return pattern == s;
  try {
    std::vector<Token> toks;
    std::vector<CharSet> sets;
    std::optional<BracketEnds> ends;  // only for patterns with a `[`
    for (size_t i = 0; i < pattern.size();) {
      const char c = pattern[i];
      if (c == '*') {
        ++i;
        if (toks.empty() || toks.back().kind != Token::Kind::Star)
          toks.push_back({Token::Kind::Star});
      } else if (c == '?') {
        ++i;
        toks.push_back({Token::Kind::Any});
      } else if (c == '[') {
        if (!ends) ends.emplace(pattern);
        size_t j = i + 1;
        CharSet set;
        const size_t close = parse_set(pattern, j, set, *ends);
        if (close == BracketEnds::kMalformed) return false;
        if (close != BracketEnds::kUnclosed) {
          toks.push_back({Token::Kind::Set, static_cast<uint32_t>(sets.size())});
          sets.push_back(std::move(set));
          i = j;
        } else {
          toks.push_back({Token::Kind::Char, decode_at(pattern, i)});
        }
      } else {
        if (c == '\\' && i + 1 < pattern.size()) ++i;  // a trailing `\` is itself
        toks.push_back({Token::Kind::Char, decode_at(pattern, i)});
      }
    }
    std::vector<uint32_t> text;
    text.reserve(s.size());
    for (size_t i = 0; i < s.size();) text.push_back(decode_at(s, i));

    auto single = [&](const Token& t, uint32_t ch) {
      switch (t.kind) {
        case Token::Kind::Char: return t.ch == ch;
        case Token::Kind::Any: return true;
        case Token::Kind::Set: return sets[t.ch].matches(ch);
        case Token::Kind::Star: return false;
      }
      return false;
    };
    // Two pointers with backtracking to the most recent star only: a later star can absorb
    // anything an earlier one could, so older stars never need revisiting. O(|p|·|s|) worst case.
    size_t p = 0, t = 0;
    size_t star = SIZE_MAX, star_t = 0;
    while (t < text.size()) {
      if (p < toks.size() && toks[p].kind == Token::Kind::Star) {
        star = p++;
        star_t = t;
      } else if (p < toks.size() && single(toks[p], text[t])) {
        ++p;
        ++t;
      } else if (star != SIZE_MAX) {
        p = star + 1;
        t = ++star_t;
      } else {
        return false;
      }
    }
    while (p < toks.size() && toks[p].kind == Token::Kind::Star) ++p;
    return p == toks.size();
  } catch (const std::exception&) {
    return false;
  }
}

// ── brace_expand ──
//
// Bash's rules (bash 5.2, braces.c), reimplemented so the work is linear in the input: a `{`
// starts a group only if a later `}` at its own nesting level closes it *after* a comma or `..` at
// that level (so in `{a}b,c}` the group is `a}b,c`); a group whose text has no comma at all must
// be a valid sequence, or it stays literal; the first `{` that starts a group wins and the text
// after its group is expanded independently. `${…}` is never a group.

namespace {
// Hostile input like `{a,b}{a,b}…` or `{1..999999999}` must not exhaust memory: past these
// limits the input is returned unexpanded.
constexpr size_t kMaxBraceWords = 100000;
constexpr size_t kMaxBraceBytes = size_t{16} << 20;
constexpr int kMaxBraceDepth = 64;
constexpr uint32_t kNoPos = UINT32_MAX;

// An optionally signed decimal integer spanning all of `t`.
bool parse_int(std::string_view t, int64_t& out) {
  if (t.size() > 1 && t[0] == '+' && t[1] != '-') t.remove_prefix(1);
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  return ec == std::errc() && end == t.data() + t.size();
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// |v| without overflow (INT64_MIN included).
uint64_t magnitude(int64_t v) {
  return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
}

bool zero_padded(std::string_view t) {
  if (!t.empty() && t[0] == '-') t.remove_prefix(1);
  return t.size() > 1 && t[0] == '0';
}

// `x..y` or `x..y..step`, integers or single ASCII letters. nullopt when `body` is not a
// sequence (it stays literal); an empty list when it is one but too long (the input is refused).
std::optional<std::vector<std::string>> sequence(std::string_view body) {
  const size_t dots = body.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  const std::string_view x = body.substr(0, dots);
  std::string_view y = body.substr(dots + 2), step_text;
  if (const size_t more = y.find(".."); more != std::string_view::npos) {
    step_text = y.substr(more + 2);
    y = y.substr(0, more);
    if (step_text.empty()) return std::nullopt;
  }
  int64_t step = 1;
  if (!step_text.empty() && !parse_int(step_text, step)) return std::nullopt;
  // The direction comes from the bounds; the step's sign is ignored and 0 means 1, as in bash.
  const uint64_t incr = step == 0 ? 1 : magnitude(step);
  int64_t a = 0, b = 0;
  const bool x_int = parse_int(x, a), y_int = parse_int(y, b);
  if (x_int != y_int) return std::nullopt;  // `{1..a}` mixes kinds: not a sequence
  const bool chars = !x_int;
  if (chars) {
    if (x.size() != 1 || y.size() != 1 || !is_alpha(x[0]) || !is_alpha(y[0])) return std::nullopt;
    a = x[0];
    b = y[0];
  }
  const uint64_t span = a <= b ? static_cast<uint64_t>(b) - static_cast<uint64_t>(a)
                               : static_cast<uint64_t>(a) - static_cast<uint64_t>(b);
  if (span / incr >= kMaxBraceWords) return std::vector<std::string>();  // refused: too many
  const bool padded = !chars && (zero_padded(x) || zero_padded(y));
  const size_t width = padded ? std::max(x.size(), y.size()) : 0;  // counts a `-` sign
  std::vector<std::string> out;
  for (uint64_t k = 0; k <= span / incr; ++k) {
    const uint64_t off = k * incr;
    const int64_t v = a <= b ? static_cast<int64_t>(static_cast<uint64_t>(a) + off)
                             : static_cast<int64_t>(static_cast<uint64_t>(a) - off);
    if (chars) {
      out.emplace_back(1, static_cast<char>(v));
      continue;
    }
    std::string digits = std::to_string(magnitude(v));
    const size_t sign = v < 0 ? 1 : 0;
    if (digits.size() + sign < width) digits.insert(0, width - sign - digits.size(), '0');
    out.push_back(v < 0 ? "-" + digits : digits);
  }
  return out;
}

bool brace_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

class BraceExpander {
 public:
  explicit BraceExpander(std::string_view s)
      : s_(s), n_(static_cast<uint32_t>(s.size())), match_(s.size(), kNoPos),
        close_(s.size() + 1, kNoPos) {
    // Plain nesting first: the `}` that balances each `{` (escaped characters are skipped).
    std::vector<uint32_t> open;
    for (uint32_t i = 0; i < n_; ++i) {
      if (s_[i] == '\\') {
        ++i;
      } else if (s_[i] == '{') {
        open.push_back(i);
      } else if (s_[i] == '}' && !open.empty()) {
        match_[open.back()] = i;
        open.pop_back();
      }
    }
    // Then, right to left over the walk at one nesting level (nested groups skipped whole):
    // first_close[i] = the first `}` reached from i; close_[i] = the first `}` reached from i
    // after a comma or `..` — which is where a `{` at i - 1 closes.
    std::vector<uint32_t> first_close(s.size() + 1, kNoPos);
    for (uint32_t i = n_; i-- > 0;) {
      const uint32_t next = step(i);
      if (s_[i] == '}') {
        first_close[i] = i;
        close_[i] = close_[i + 1];
      } else if (s_[i] == ',' || (s_.substr(i, 2) == ".." && s_.substr(i + 2, 1) != "}")) {
        close_[i] = first_close[i + 1];
        first_close[i] = first_close[i + 1];
      } else if (next != kNoPos) {
        first_close[i] = next >= n_ ? kNoPos : first_close[next];
        close_[i] = next >= n_ ? kNoPos : close_[next];
      }
    }
  }

  // The words of s_[lo, hi), or nullopt when a limit was hit.
  std::optional<std::vector<std::string>> expand(uint32_t lo, uint32_t hi, int depth) {
    if (depth > kMaxBraceDepth) return std::nullopt;
    std::vector<std::string> words{std::string()};
    uint32_t segment = lo;  // text from here on is expanded as a word of its own (the postamble)
    for (uint32_t open = find_group(segment, hi); open != kNoPos; open = find_group(segment, hi)) {
      const uint32_t close = close_[open + 1];
      const std::string_view body = s_.substr(open + 1, close - open - 1);
      std::optional<std::vector<std::string>> alts;
      if (has_comma(body)) {
        alts = alternatives(open + 1, close, depth);
        if (!alts) return std::nullopt;
      } else {
        alts = sequence(body);
        if (alts && alts->empty()) return std::nullopt;
        if (!alts) alts = std::vector<std::string>{std::string(s_.substr(open, close - open + 1))};
      }
      for (std::string& w : words) w.append(s_.substr(segment, open - segment));
      if (!product(words, *alts)) return std::nullopt;
      segment = close + 1;
    }
    for (std::string& w : words) w.append(s_.substr(segment, hi - segment));
    if (!within_limits(words)) return std::nullopt;
    return words;
  }

 private:
  // Where the walk at one nesting level goes after s_[i]: past an escape, or past a whole nested
  // group (`${…}` included); kNoPos at a `{` that is never closed.
  uint32_t step(uint32_t i) const {
    if (s_[i] == '\\') return std::min(i + 2, n_);
    if (s_[i] == '$' && i + 1 < n_ && s_[i + 1] == '{')
      return match_[i + 1] == kNoPos ? kNoPos : match_[i + 1] + 1;
    if (s_[i] == '{') return match_[i] == kNoPos ? kNoPos : match_[i] + 1;
    return i + 1;
  }

  // The first `{` in s_[from, hi) that starts a group closing before hi, or kNoPos.
  uint32_t find_group(uint32_t from, uint32_t hi) const {
    for (uint32_t i = from; i < hi;) {
      if (s_[i] == '\\') {
        i += 2;
      } else if (s_[i] == '$' && i + 1 < hi && s_[i + 1] == '{') {
        if (match_[i + 1] == kNoPos || match_[i + 1] >= hi) return kNoPos;
        i = match_[i + 1] + 1;
      } else if (s_[i] == '{') {
        // A `{` standing alone, or `{}` after a space, is not a group (so `find -exec {} \;`
        // keeps its braces), as in bash.
        const bool alone = (i == from || brace_space(s_[i - 1])) &&
                           (i + 1 == hi || brace_space(s_[i + 1]) || s_[i + 1] == '}');
        if (!alone && close_[i + 1] < hi) return i;
        ++i;
      } else {
        ++i;
      }
    }
    return kNoPos;
  }

  static bool has_comma(std::string_view body) {
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\\') ++i;
      else if (body[i] == ',') return true;
    }
    return false;
  }

  // The expanded alternatives of s_[lo, hi), split at the commas of its own nesting level.
  std::optional<std::vector<std::string>> alternatives(uint32_t lo, uint32_t hi, int depth) {
    std::vector<std::string> out;
    size_t bytes = 0;
    uint32_t start = lo;
    for (uint32_t i = lo; i <= hi;) {
      if (i < hi && s_[i] != ',') {
        const uint32_t next = s_[i] == '}' ? i + 1 : step(i);  // a `}` here is literal
        i = next == kNoPos ? hi : std::min(next, hi);
        continue;
      }
      auto part = expand(start, i, depth + 1);
      if (!part) return std::nullopt;
      for (std::string& w : *part) {
        bytes += w.size();
        out.push_back(std::move(w));
      }
      if (out.size() > kMaxBraceWords || bytes > kMaxBraceBytes) return std::nullopt;
      start = ++i;
    }
    return out;
  }

  // words := every word followed by every alternative, in that order.
  static bool product(std::vector<std::string>& words, const std::vector<std::string>& alts) {
    if (words.size() * alts.size() > kMaxBraceWords) return false;
    size_t bytes = 0;
    for (const std::string& w : words) bytes += w.size() * alts.size();
    for (const std::string& a : alts) bytes += a.size() * words.size();
    if (bytes > kMaxBraceBytes) return false;
    if (alts.size() == 1) {  // a literal or one-element group: append in place, no copying
      for (std::string& w : words) w += alts[0];
      return true;
    }
    std::vector<std::string> out;
    out.reserve(words.size() * alts.size());
    for (const std::string& w : words)
      for (const std::string& a : alts) out.push_back(w + a);
    words = std::move(out);
    return true;
  }

  static bool within_limits(const std::vector<std::string>& words) {
    size_t bytes = 0;
    for (const std::string& w : words) bytes += w.size();
    return words.size() <= kMaxBraceWords && bytes <= kMaxBraceBytes;
  }

  std::string_view s_;
  uint32_t n_;
  std::vector<uint32_t> match_;  // for each `{`: the `}` that balances it, else kNoPos
  std::vector<uint32_t> close_;  // see the constructor
};
}  // namespace

std::vector<std::string> brace_expand(std::string_view s) {
  // Nothing to expand, or more text than an expansion may produce: the input as it is.
  if (s.find('{') != std::string_view::npos && s.size() <= kMaxBraceBytes) {
    try {
      BraceExpander expander(s);
      if (auto words = expander.expand(0, static_cast<uint32_t>(s.size()), 0))
        return std::move(*words);
    } catch (const std::exception&) {
    }
  }
  try {
    return {std::string(s)};
  } catch (const std::exception&) {
    return {};
  }
}

// ── word_split ──

namespace {
// Unicode White_Space (SHELL-HOST.md §5.2).
bool is_white_space(uint32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}
}  // namespace

std::vector<std::string> word_split(std::string_view s) {
  std::vector<std::string> words;
  try {
    size_t start = std::string_view::npos;  // start of the current word, if inside one
    for (size_t i = 0; i < s.size();) {
      const size_t at = i;
      if (is_white_space(decode_at(s, i))) {
        if (start != std::string_view::npos) words.emplace_back(s.substr(start, at - start));
        start = std::string_view::npos;
      } else if (start == std::string_view::npos) {
        start = at;
      }
    }
    if (start != std::string_view::npos) words.emplace_back(s.substr(start));
  } catch (const std::exception&) {
    words.clear();
  }
  return words;
}

// ── tilde_expand ──

namespace {
// The home directory of `user`, or of the current user when `user` is empty.
std::optional<std::string> home_of(const std::string& user) {
  long hint = sysconf(_SC_GETPW_R_SIZE_MAX);
  size_t size = hint > 0 ? static_cast<size_t>(hint) : 4096;
  // Some NSS backends need more than the hint; grow on ERANGE up to a sane bound.
  for (; size <= (size_t{1} << 20); size *= 2) {
    std::vector<char> buf(size);
    passwd pw{};
    passwd* found = nullptr;
    const int rc = user.empty() ? getpwuid_r(getuid(), &pw, buf.data(), buf.size(), &found)
                                : getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found);
    if (rc == ERANGE) continue;
    if (rc != 0 || found == nullptr || pw.pw_dir == nullptr) return std::nullopt;
    return std::string(pw.pw_dir);
  }
  return std::nullopt;
}

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}
}  // namespace

std::string tilde_expand(std::string_view s) {
  try {
    if (s.empty() || s[0] != '~') return std::string(s);
    const size_t slash = s.find('/');
    const bool whole = slash == std::string_view::npos;
    const std::string_view prefix = s.substr(1, whole ? s.npos : slash - 1);
    const std::string_view rest = whole ? std::string_view() : s.substr(slash);
    std::optional<std::string> dir;
    if (prefix.empty()) {
      dir = env("HOME");
      if (!dir) dir = home_of("");
    } else if (prefix == "+") {
      dir = env("PWD");
    } else if (prefix == "-") {
      dir = env("OLDPWD");
    } else if (prefix.find('\0') == std::string_view::npos) {
      dir = home_of(std::string(prefix));
    }
    if (!dir) return std::string(s);
    return *dir + std::string(rest);
  } catch (const std::exception&) {
    return std::string(s);
  }
}

}  // namespace fusevm::shell
