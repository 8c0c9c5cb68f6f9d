// `[[ s =~ re ]]` for DefaultHost: POSIX extended regular expressions through RE2, which runs in
// time linear in the subject (no backtracking blow-up on patterns like `(a*)*b`). Compiled
// regexes are kept in a small per-thread LRU cache, since a loop usually matches one pattern.
#include <re2/re2.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <string>
#include <vector>

#include "fusevm/shell_host.h"

namespace fusevm::shell {
namespace {

constexpr size_t kCacheSize = 64;
// Per regex (program plus DFA cache). RE2's default is 8 MiB; a quarter of that is ample for
// shell patterns and bounds what 64 cached hostile patterns can hold.
constexpr int64_t kMaxRegexMemory = int64_t{2} << 20;

RE2::Options regex_options() {
  RE2::Options o;
  o.set_posix_syntax(true);   // ERE: no \d, \b, lazy quantifiers or other Perl extensions
  o.set_longest_match(true);  // POSIX leftmost-longest semantics
  // regcomp(REG_EXTENDED) without REG_NEWLINE, which is what bash uses: `^`/`$` anchor the
  // whole string and `.` matches a newline.
  o.set_one_line(true);
  o.set_dot_nl(true);
  o.set_never_nl(false);
  o.set_log_errors(false);  // an invalid regex is an ordinary false, not a message on stderr
  o.set_max_mem(kMaxRegexMemory);
  return o;
}

struct CacheEntry {
  std::string pattern;
  std::unique_ptr<RE2> re;  // kept even when invalid, so a bad pattern is not recompiled
};

// Most recently used first. Linear search: 64 short strings compare faster than hashing.
thread_local std::vector<CacheEntry> t_cache;

const RE2& compiled(std::string_view pattern) {
  for (size_t i = 0; i < t_cache.size(); ++i) {
    if (t_cache[i].pattern == pattern) {
      if (i != 0) std::rotate(t_cache.begin(), t_cache.begin() + static_cast<ptrdiff_t>(i),
                              t_cache.begin() + static_cast<ptrdiff_t>(i) + 1);
      return *t_cache.front().re;
    }
  }
  auto re =
      std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), regex_options());
  if (t_cache.size() >= kCacheSize) t_cache.pop_back();
  t_cache.insert(t_cache.begin(), CacheEntry{std::string(pattern), std::move(re)});
  return *t_cache.front().re;
}

}  // namespace

bool regex_search(std::string_view s, std::string_view regex) {
  try {
    const RE2& re = compiled(regex);
    if (!re.ok()) return false;
    return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), re);
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace fusevm::shell
