// Shell word expansions: brace_expand and tilde_expand. Pure functions of their input (tilde
// expansion also reads the environment and the password database); no filesystem access.
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <optional>

#include "fusevm/shell_host.h"

namespace fusevm::shell {

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
