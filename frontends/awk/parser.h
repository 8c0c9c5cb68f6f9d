// Parses awk programs (the POSIX grammar plus gawk's common extensions: `func`, `**`, `nextfile`,
// `delete array`, the gawk builtins) into a Program.
//
// Choices where awks differ, all as gawk and mawk do: in `print` and `printf` an unparenthesised
// `>` is a redirection; `getline < file` takes a primary expression as the file (`getline < a b`
// is `(getline < a) b`); `cmd | getline` takes the whole concatenation on its left; a newline
// may follow `{`, `&&`, `||`, `,`, `do`, `else`, and the `)` of `if`, `for` and `while`.
#pragma once

#include <vector>

#include "ast.h"
#include "source.h"

namespace fusevm::awkfront {

/// How deeply expressions and statements may nest before the parser refuses the program (each
/// level costs C++ stack; real programs stay far below).
inline constexpr uint32_t kMaxParseNesting = 256;

/// Parses the concatenation of `sources` (as POSIX joins several -f files). Returns false and
/// fills `error` at the first syntax error.
bool parse_program(const std::vector<Source>& sources, Program& out, SyntaxError& error);

}  // namespace fusevm::awkfront
