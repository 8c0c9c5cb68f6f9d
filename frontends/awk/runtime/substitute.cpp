#include "substitute.h"

#include <vector>

namespace fusevm::awkfront {
namespace {

// A replacement text parsed once per call: literal runs, and places where a group goes.
struct Piece {
  std::string_view literal;  // when group < 0
  int group = -1;            // 0: the whole match
};

using Pieces = std::vector<Piece>;

void add_literal(Pieces& pieces, std::string_view text) {
  if (text.empty()) return;
  pieces.push_back(Piece{text, -1});
}

// sub/gsub rules. Literal runs point into `repl` or at the static backslash and ampersand.
Pieces parse_posix_replacement(std::string_view repl) {
  static constexpr std::string_view kBackslash = "\\";
  static constexpr std::string_view kAmpersand = "&";
  Pieces pieces;
  size_t run = 0;
  for (size_t i = 0; i < repl.size();) {
    const char c = repl[i];
    if (c == '&') {
      add_literal(pieces, repl.substr(run, i - run));
      pieces.push_back(Piece{{}, 0});
      run = ++i;
    } else if (c == '\\' && i + 1 < repl.size() && repl[i + 1] == '&') {
      add_literal(pieces, repl.substr(run, i - run));
      add_literal(pieces, kAmpersand);
      run = i += 2;
    } else if (c == '\\' && i + 1 < repl.size() && repl[i + 1] == '\\') {
      add_literal(pieces, repl.substr(run, i - run));
      add_literal(pieces, kBackslash);
      i += 2;
      if (i < repl.size() && repl[i] == '&') {  // \\& : a backslash, then the match
        pieces.push_back(Piece{{}, 0});
        ++i;
      }
      run = i;
    } else {
      i += c == '\\' && i + 1 < repl.size() ? 2 : 1;  // any other \c stays as written
    }
  }
  add_literal(pieces, repl.substr(run));
  return pieces;
}

Pieces parse_gensub_replacement(std::string_view repl) {
  static constexpr std::string_view kBackslash = "\\";
  static constexpr std::string_view kAmpersand = "&";
  Pieces pieces;
  size_t run = 0;
  for (size_t i = 0; i < repl.size();) {
    const char c = repl[i];
    if (c == '&') {
      add_literal(pieces, repl.substr(run, i - run));
      pieces.push_back(Piece{{}, 0});
      run = ++i;
    } else if (c == '\\' && i + 1 < repl.size()) {
      const char next = repl[i + 1];
      if (next >= '0' && next <= '9') {
        add_literal(pieces, repl.substr(run, i - run));
        pieces.push_back(Piece{{}, next - '0'});
        run = i += 2;
      } else if (next == '&' || next == '\\') {
        add_literal(pieces, repl.substr(run, i - run));
        add_literal(pieces, next == '&' ? kAmpersand : kBackslash);
        run = i += 2;
      } else {
        i += 2;  // kept as written
      }
    } else {
      ++i;
    }
  }
  add_literal(pieces, repl.substr(run));
  return pieces;
}

int highest_group(const Pieces& pieces) {
  int highest = 0;
  for (const Piece& p : pieces) highest = std::max(highest, p.group);
  return highest;
}

void expand(const Pieces& pieces, const std::vector<std::string_view>& groups, std::string& out) {
  for (const Piece& p : pieces) {
    if (p.group < 0) out += p.literal;
    else if (static_cast<size_t>(p.group) < groups.size()) out += groups[static_cast<size_t>(p.group)];
  }
}

// The matching loop shared by all three: calls `replace(begin, end)` for each match it
// replaces (the n-th only, when nth > 0; the first only, when !global) and copies the rest.
template <class Replace>
size_t scan(const Regex& re, std::string_view text, bool global, size_t nth, std::string& out, Replace replace) {
  out.clear();
  out.reserve(text.size());
  size_t pos = 0;
  size_t count = 0;
  size_t seen = 0;
  size_t last_end = std::string_view::npos;  // end of the last non-empty match
  size_t begin = 0, end = 0;
  while (pos <= text.size() && re.find(text, pos, begin, end)) {
    out.append(text.substr(pos, begin - pos));
    const bool empty = begin == end;
    if (empty && begin == last_end) {
      // An empty match right where the previous match ended is not a new match.
    } else {
      ++seen;
      if (nth == 0 || seen == nth) {
        replace(begin, end);
        ++count;
      } else {
        out.append(text.substr(begin, end - begin));
      }
      if (!global && (nth == 0 || seen == nth)) {
        pos = end;
        out.append(text.substr(pos));
        return count;
      }
    }
    if (!empty) {
      pos = last_end = end;
      continue;
    }
    if (begin < text.size()) out += text[begin];
    pos = begin + 1;
  }
  if (pos <= text.size()) out.append(text.substr(pos));
  return count;
}

}  // namespace

size_t substitute(const Regex& re, std::string_view text, std::string_view repl, bool global, std::string& out) {
  const Pieces pieces = parse_posix_replacement(repl);
  std::vector<std::string_view> groups(1);
  return scan(re, text, global, 0, out, [&](size_t begin, size_t end) {
    groups[0] = text.substr(begin, end - begin);
    expand(pieces, groups, out);
  });
}

void gensub(const Regex& re, std::string_view text, std::string_view repl, size_t nth, std::string& out) {
  const Pieces pieces = parse_gensub_replacement(repl);
  const int wanted = highest_group(pieces);
  std::vector<std::string_view> groups;
  scan(re, text, nth == 0, nth, out, [&](size_t begin, size_t end) {
    if (wanted == 0) {
      groups.assign(1, text.substr(begin, end - begin));
    } else {
      // Re-match at the same place for the groups: only replacements that use them pay.
      if (!re.find_groups(text, begin, groups, wanted)) groups.assign(1, text.substr(begin, end - begin));
    }
    expand(pieces, groups, out);
  });
}

}  // namespace fusevm::awkfront
