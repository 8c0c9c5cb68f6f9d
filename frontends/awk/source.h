// Program text and syntax errors that point into it.
#pragma once

#include <string>
#include <vector>

#include "token.h"

namespace fusevm::awkfront {

/// One piece of program text: a -f file, or the program given on the command line.
struct Source {
  std::string name;  ///< the file name, or "cmd. line" for a program given as an argument
  std::string text;
};

/// A syntax error at a position in one of the sources.
struct SyntaxError {
  SourcePos pos;
  std::string message;
};

/// "prog.awk:3:7: syntax error: unexpected '}'", then the source line and a caret under the
/// column (tabs in the line are kept so the caret lines up in a terminal).
std::string render_syntax_error(const std::vector<Source>& sources, const SyntaxError& error);

}  // namespace fusevm::awkfront
