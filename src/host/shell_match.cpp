// Shell string matching: glob_match (for `case` and `[[ = ]]`) and word_split. Pure functions
// of their input; no filesystem access. (brace_expand and tilde_expand: shell_expand.cpp.)
#include <algorithm>
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

}  // namespace fusevm::shell
