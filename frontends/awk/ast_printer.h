// Prints a syntax tree back as awk text with every subexpression parenthesised, so the text
// shows exactly how the parser grouped the program (tests, `fusevm awk --dump-ast`) and parses
// back to the same tree (the parser fuzz target checks this).
#pragma once

#include <string>

#include "ast.h"

namespace fusevm::awkfront {

std::string print_program(const Program& program);

}  // namespace fusevm::awkfront
