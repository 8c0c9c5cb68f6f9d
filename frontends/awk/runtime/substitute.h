// sub, gsub and gensub on strings: the matching loop (with POSIX's rule for empty matches) and
// the replacement-text rules of each.
//
// sub/gsub (POSIX, as gawk --posix and mawk): in the replacement's string value `&` is the
// matched text, `\&` a literal `&`, `\\&` a backslash followed by the matched text, `\\` alone
// one backslash, and a backslash before anything else stays as it is.
// gensub (gawk): `&` and `\0` are the match, `\1`..`\9` the groups, `\&` a literal `&`, `\\` a
// backslash.
// gsub replaces every match left to right; an empty match counts except right after the end of
// a previous match, so gsub(/x*/, "-") on "abc" gives "-a-b-c-" (4 replacements).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "regex.h"

namespace fusevm::awkfront {

/// Replaces the first match of `re` in `text` (every match when `global`) by `repl` under the
/// sub/gsub rules; the result goes to `out`. Returns the number of replacements.
size_t substitute(const Regex& re, std::string_view text, std::string_view repl, bool global, std::string& out);

/// gensub(re, repl, how, text): `nth` = 0 replaces every match ("g"), n >= 1 only the n-th.
void gensub(const Regex& re, std::string_view text, std::string_view repl, size_t nth, std::string& out);

}  // namespace fusevm::awkfront
