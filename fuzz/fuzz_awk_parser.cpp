// Fuzzes the awk frontend's lexer and parser: any bytes give a tree or a syntax error (never a
// crash or a hang), every error renders, and an accepted program's printed tree parses back to
// a tree that prints the same.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "awk/ast_printer.h"
#include "awk/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fusevm::awkfront;
  std::vector<Source> sources{{"fuzz.awk", std::string(reinterpret_cast<const char*>(data), size)}};
  Program program;
  SyntaxError error;
  if (!parse_program(sources, program, error)) {
    if (render_syntax_error(sources, error).empty()) std::abort();
    return 0;
  }
  const std::string printed = print_program(program);
  std::vector<Source> again{{"printed.awk", printed}};
  Program reparsed;
  if (!parse_program(again, reparsed, error)) {
    // The printer parenthesises every subexpression, so a program near the nesting limit can
    // print as one beyond it; anything else unparsable is a finding.
    if (error.message.find("nested too deeply") != std::string::npos) return 0;
    std::abort();  // the printer wrote something unparsable
  }
  if (print_program(reparsed) != printed) std::abort();        // the printed text means another tree
  return 0;
}
