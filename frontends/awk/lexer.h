// Splits awk program text into tokens.
//
// awk's grammar is not context-free at the lexical level: '/' starts a regular expression where
// an operand may begin and is division after one has ended. The lexer decides from the token
// before it (after a name, number, string, regex, builtin name, ')', ']', '++' or '--' it is
// division), which is the rule every POSIX awk uses in practice.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "source.h"
#include "token.h"

namespace fusevm::awkfront {

/// Appends the tokens of `source` (number `source_index` in the program's list) to `out`.
/// Returns false and fills `error` on a malformed token (an unterminated string or regex, a
/// character awk does not use). Backslash-newline joins lines; comments are dropped; each
/// newline is a token, since awk's grammar depends on them.
bool lex(const Source& source, uint32_t source_index, std::vector<Token>& out, SyntaxError& error);

/// Where the bracket-expression element starting at text[at] (`[:alpha:]`, `[.-.]`, `[=e=]`)
/// ends, or 0 if no such element starts there. The lexer and the printer of regex literals
/// agree on bracket expressions through this.
size_t bracket_element_end(std::string_view text, size_t at);

/// Processes the escape sequences of `text` as in a string literal ("a\\tb" -> a, tab, b); for
/// -v and command-line assignments, whose values POSIX says are read like string literals.
std::string process_escapes(std::string_view text);

}  // namespace fusevm::awkfront
