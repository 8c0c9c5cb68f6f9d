#include "regex.h"

#include <re2/re2.h>

#include <cstdio>

namespace fusevm::awkfront {
namespace {

// Per compiled regex (program and DFA cache). Awk programs use few regexes; this bounds what a
// hostile pattern can make RE2 hold.
constexpr int64_t kMaxRegexMemory = int64_t{8} << 20;

void append_byte_escape(std::string& out, unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x{%02x}", c);
  out += buf;
}

bool is_re2_meta(char c) {
  switch (c) {
    case '.': case '[': case ']': case '(': case ')': case '*': case '+': case '?': case '{':
    case '}': case '|': case '^': case '$': case '\\':
      return true;
    default:
      return false;
  }
}

// A literal byte outside a bracket expression.
void append_literal(std::string& out, unsigned char c) {
  if (c >= 0x80 || c < 0x20 || c == 0x7f) append_byte_escape(out, c);
  else if (is_re2_meta(static_cast<char>(c))) out += '\\', out += static_cast<char>(c);
  else out += static_cast<char>(c);
}

// A literal byte inside a bracket expression.
void append_class_literal(std::string& out, unsigned char c) {
  if (c >= 0x80 || c < 0x20 || c == 0x7f || c == '\\' || c == ']' || c == '[' || c == '^' || c == '-') {
    append_byte_escape(out, c);
  } else {
    out += static_cast<char>(c);
  }
}

// The byte an awk escape `\c` stands for (octal digits consumed from `ere` at `i`), or -1 when
// `c` is not a character escape.
int escape_value(std::string_view ere, size_t& i) {
  const char c = ere[i];
  switch (c) {
    case 'n': ++i; return '\n';
    case 't': ++i; return '\t';
    case 'r': ++i; return '\r';
    case 'f': ++i; return '\f';
    case 'v': ++i; return '\v';
    case 'a': ++i; return '\a';
    case 'b': ++i; return '\b';
    case '/': ++i; return '/';
    case '"': ++i; return '"';
    default: break;
  }
  if (c >= '0' && c <= '7') {
    int code = 0;
    for (int digits = 0; digits < 3 && i < ere.size() && ere[i] >= '0' && ere[i] <= '7'; ++digits) code = code * 8 + (ere[i++] - '0');
    return code & 0xff;
  }
  return -1;
}

// Whether `ere[i]` (a '{') starts an interval {n}, {n,} or {n,m}; sets `end` past the '}'.
bool interval_at(std::string_view ere, size_t i, size_t& end) {
  size_t j = i + 1;
  const size_t digits_start = j;
  while (j < ere.size() && ere[j] >= '0' && ere[j] <= '9') ++j;
  if (j == digits_start) return false;
  if (j < ere.size() && ere[j] == ',') {
    ++j;
    while (j < ere.size() && ere[j] >= '0' && ere[j] <= '9') ++j;
  }
  if (j >= ere.size() || ere[j] != '}') return false;
  end = j + 1;
  return true;
}

// Translates the bracket expression starting at ere[i] == '['; advances i past its ']'.
bool translate_bracket(std::string_view ere, size_t& i, std::string& out, std::string& error) {
  ++i;
  out += '[';
  if (i < ere.size() && ere[i] == '^') {
    out += '^';
    ++i;
  }
  bool first = true;
  while (true) {
    if (i >= ere.size()) {
      error = "unterminated bracket expression in /" + std::string(ere) + "/";
      return false;
    }
    const char c = ere[i];
    if (c == ']' && !first) {
      out += ']';
      ++i;
      return true;
    }
    first = false;
    if (c == '[' && i + 1 < ere.size() && (ere[i + 1] == ':' || ere[i + 1] == '.' || ere[i + 1] == '=')) {
      const char kind = ere[i + 1];
      const size_t close = ere.find(std::string{kind, ']'}, i + 2);
      if (close == std::string_view::npos) {
        error = "unterminated [" + std::string(1, kind) + " in bracket expression of /" + std::string(ere) + "/";
        return false;
      }
      const std::string_view inner = ere.substr(i + 2, close - i - 2);
      if (kind == ':') {
        out += "[:";
        out += inner;
        out += ":]";
      } else if (inner.size() == 1) {
        append_class_literal(out, static_cast<unsigned char>(inner[0]));
      } else {
        error = "unsupported collating element [" + std::string(1, kind) + std::string(inner) + kind + "]";
        return false;
      }
      i = close + 2;
      continue;
    }
    if (c == '\\' && i + 1 < ere.size()) {
      ++i;
      const int value = escape_value(ere, i);
      if (value >= 0) {
        append_class_literal(out, static_cast<unsigned char>(value));
      } else {
        append_class_literal(out, static_cast<unsigned char>(ere[i]));
        ++i;
      }
      continue;
    }
    if (c == '-' && i + 1 < ere.size() && ere[i + 1] != ']' && out.back() != '[' && out.back() != '^') {
      out += '-';  // a range
      ++i;
      continue;
    }
    append_class_literal(out, static_cast<unsigned char>(c));
    ++i;
  }
}

// Skips a bracket expression starting at ere[i] == '['; false if it is unterminated.
bool skip_bracket(std::string_view ere, size_t& i) {
  ++i;
  if (i < ere.size() && ere[i] == '^') ++i;
  if (i < ere.size() && ere[i] == ']') ++i;
  while (i < ere.size()) {
    if (ere[i] == '[' && i + 1 < ere.size() && (ere[i + 1] == ':' || ere[i + 1] == '.' || ere[i + 1] == '=')) {
      const size_t close = ere.find(std::string{ere[i + 1], ']'}, i + 2);
      if (close == std::string_view::npos) return false;
      i = close + 2;
      continue;
    }
    if (ere[i] == '\\') {
      i += 2;
      continue;
    }
    if (ere[i] == ']') {
      ++i;
      return true;
    }
    ++i;
  }
  return false;
}

bool is_quantifier_at(std::string_view ere, size_t i) {
  if (i >= ere.size()) return false;
  size_t end = 0;
  return ere[i] == '*' || ere[i] == '+' || ere[i] == '?' || (ere[i] == '{' && interval_at(ere, i, end));
}

// Skips any quantifiers at ere[i] (`a*`, `a+?`, `a{2,3}`).
void skip_quantifiers(std::string_view ere, size_t& i) {
  while (i < ere.size()) {
    size_t end = 0;
    if (ere[i] == '*' || ere[i] == '+' || ere[i] == '?') {
      ++i;
    } else if (ere[i] == '{' && interval_at(ere, i, end)) {
      i = end;
    } else {
      return;
    }
  }
}

}  // namespace

RequiredLiteral required_literal(std::string_view ere) {
  // Only the top level is looked at: a group or bracket expression ends the current run of
  // literal bytes, and an alternation at the top level means nothing is required. Anything
  // unusual gives up (no literal), which is always safe.
  RequiredLiteral result;
  result.exact = true;
  std::string run;
  auto flush = [&] {
    if (run.size() > result.text.size()) result.text = run;
    run.clear();
  };
  auto give_up = [&] {
    result = RequiredLiteral{};
    return result;
  };
  size_t i = 0;
  while (i < ere.size()) {
    const char c = ere[i];
    int byte = -1;
    switch (c) {
      case '\\': {
        if (i + 1 >= ere.size()) return give_up();
        size_t j = i + 1;
        const int value = escape_value(ere, j);
        if (value >= 0) {
          byte = value;
          i = j;
        } else {
          const char e = ere[j];
          if (e == 'y' || e == 'B' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
            flush();
            result.exact = false;
            i = j + 1;
            skip_quantifiers(ere, i);
            continue;
          }
          byte = static_cast<unsigned char>(e);
          i = j + 1;
        }
        break;
      }
      case '[':
        flush();
        result.exact = false;
        if (!skip_bracket(ere, i)) return give_up();
        skip_quantifiers(ere, i);
        continue;
      case '(': {
        flush();
        result.exact = false;
        int depth = 0;
        while (i < ere.size()) {
          if (ere[i] == '\\') {
            i += 2;
            continue;
          }
          if (ere[i] == '[') {
            if (!skip_bracket(ere, i)) return give_up();
            continue;
          }
          if (ere[i] == '(') ++depth;
          if (ere[i] == ')' && --depth == 0) break;
          ++i;
        }
        if (i >= ere.size()) return give_up();
        ++i;
        skip_quantifiers(ere, i);
        continue;
      }
      case '|':
        return give_up();
      case '.': case '^': case '$':
        flush();
        result.exact = false;
        ++i;
        skip_quantifiers(ere, i);
        continue;
      case '*': case '+': case '?': case '{': case '}': case ')':
        return give_up();
      default:
        byte = static_cast<unsigned char>(c);
        ++i;
        break;
    }
    // A literal byte: required unless a quantifier lets it be absent.
    if (i < ere.size() && (ere[i] == '*' || ere[i] == '?' || (ere[i] == '{' && is_quantifier_at(ere, i)))) {
      flush();
      result.exact = false;
      skip_quantifiers(ere, i);
    } else if (i < ere.size() && ere[i] == '+') {
      run += static_cast<char>(byte);
      flush();
      result.exact = false;
      skip_quantifiers(ere, i);
    } else {
      run += static_cast<char>(byte);
    }
  }
  flush();
  if (result.text.empty()) result.exact = false;
  return result;
}

namespace {

RE2::Options regex_options() {
  RE2::Options o;
  o.set_posix_syntax(true);
  o.set_longest_match(true);
  o.set_one_line(true);  // ^ and $ anchor the whole text, never lines
  o.set_dot_nl(true);    // . matches a newline, as in every awk
  o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_word_boundary(true);
  o.set_log_errors(false);
  o.set_max_mem(kMaxRegexMemory);
  return o;
}

}  // namespace

bool translate_ere(std::string_view ere, std::string& out, std::string& error) {
  out.clear();
  out.reserve(ere.size() + 8);
  // Whether a repetition operator here would have something to repeat.
  bool can_repeat = false;
  bool after_repeat = false;  // the last thing emitted was a repetition operator
  for (size_t i = 0; i < ere.size();) {
    const char c = ere[i];
    if (c != '*' && c != '+' && c != '?' && c != '{') after_repeat = false;
    switch (c) {
      case '\\': {
        if (i + 1 >= ere.size()) {  // a trailing backslash is itself
          out += "\\\\";
          ++i;
          can_repeat = true;
          break;
        }
        ++i;
        const int value = escape_value(ere, i);
        if (value >= 0) {
          append_literal(out, static_cast<unsigned char>(value));
          can_repeat = true;
          break;
        }
        const char e = ere[i++];
        switch (e) {
          case 'y': out += "\\b"; can_repeat = false; break;
          case 'B': out += "\\B"; can_repeat = false; break;
          case 's': out += "[[:space:]]"; can_repeat = true; break;
          case 'S': out += "[^[:space:]]"; can_repeat = true; break;
          case 'w': out += "[[:alnum:]_]"; can_repeat = true; break;
          case 'W': out += "[^[:alnum:]_]"; can_repeat = true; break;
          default: append_literal(out, static_cast<unsigned char>(e)); can_repeat = true; break;
        }
        break;
      }
      case '[':
        if (!translate_bracket(ere, i, out, error)) return false;
        can_repeat = true;
        break;
      case '{': {
        size_t end = 0;
        if (can_repeat && !after_repeat && interval_at(ere, i, end)) {
          out.append(ere.substr(i, end - i));
          i = end;
          after_repeat = true;
          continue;
        }
        out += "\\{";
        ++i;
        can_repeat = true;
        after_repeat = false;
        break;
      }
      case '}':
        out += "\\}";
        ++i;
        can_repeat = true;
        break;
      case '*': case '+': case '?':
        if (after_repeat) {
          // `a**`, `a+*`: RE2 refuses stacked operators; awks treat them as one.
        } else if (can_repeat) {
          out += c;
          after_repeat = true;
        } else {
          out += '\\';  // nothing to repeat (`/*x/`): a literal, as in gawk and mawk
          out += c;
          can_repeat = true;
        }
        ++i;
        continue;
      case '(': case '|':
        out += c;
        ++i;
        can_repeat = false;
        break;
      case '^':
        out += c;
        ++i;
        can_repeat = false;
        break;
      case ')': case '$': case '.':
        out += c;
        ++i;
        can_repeat = true;
        break;
      default:
        append_literal(out, static_cast<unsigned char>(c));
        ++i;
        can_repeat = true;
        break;
    }
  }
  return true;
}

Regex::Regex(std::unique_ptr<re2::RE2> re, RequiredLiteral literal)
    : re_(std::move(re)), literal_(std::move(literal.text)), exact_(literal.exact) {}
Regex::~Regex() = default;

std::unique_ptr<Regex> Regex::compile(std::string_view ere, std::string& error) {
  std::string pattern;
  if (!translate_ere(ere, pattern, error)) return nullptr;
  auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), regex_options());
  if (!re->ok()) {
    error = "invalid regular expression /" + std::string(ere) + "/: " + re->error();
    return nullptr;
  }
  return std::unique_ptr<Regex>(new Regex(std::move(re), required_literal(ere)));
}

bool Regex::matches(std::string_view text) const {
  if (!literal_.empty()) {
    const bool present = text.find(literal_) != std::string_view::npos;
    if (exact_ || !present) return present;
  }
  return re_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, nullptr, 0);
}

bool Regex::find(std::string_view text, size_t from, size_t& begin, size_t& end) const {
  if (from > text.size()) return false;
  if (!literal_.empty()) {
    const size_t at = text.find(literal_, from);
    if (at == std::string_view::npos) return false;
    if (exact_) {
      begin = at;
      end = at + literal_.size();
      return true;
    }
  }
  re2::StringPiece m;
  if (!re_->Match(re2::StringPiece(text.data(), text.size()), from, text.size(), RE2::UNANCHORED, &m, 1)) return false;
  begin = static_cast<size_t>(m.data() - text.data());
  end = begin + m.size();
  return true;
}

bool Regex::find_groups(std::string_view text, size_t from, std::vector<std::string_view>& groups, int n) const {
  if (from > text.size()) return false;
  if (!literal_.empty() && text.find(literal_, from) == std::string_view::npos) return false;
  n = std::min(n, group_count());
  std::vector<re2::StringPiece> pieces(static_cast<size_t>(n) + 1);
  if (!re_->Match(re2::StringPiece(text.data(), text.size()), from, text.size(), RE2::UNANCHORED, pieces.data(), n + 1))
    return false;
  groups.assign(pieces.size(), std::string_view());
  for (size_t g = 0; g < pieces.size(); ++g) {
    if (pieces[g].data() != nullptr) groups[g] = std::string_view(pieces[g].data(), pieces[g].size());
  }
  return true;
}

int Regex::group_count() const { return re_->NumberOfCapturingGroups(); }

const Regex* RegexCache::get(std::string_view ere, std::string& error) {
  if (last_ != nullptr && ere == last_key_) return last_;
  auto it = entries_.find(std::string(ere));
  if (it == entries_.end()) {
    auto re = Regex::compile(ere, error);
    if (!re) return nullptr;
    if (entries_.size() >= kMaxEntries) entries_.clear();
    it = entries_.emplace(std::string(ere), std::move(re)).first;
  }
  last_key_.assign(ere);
  last_ = it->second.get();
  return last_;
}

}  // namespace fusevm::awkfront
