#include "source.h"

#include <algorithm>

namespace fusevm::awkfront {

std::string render_syntax_error(const std::vector<Source>& sources, const SyntaxError& error) {
  const Source* source = error.pos.source < sources.size() ? &sources[error.pos.source] : nullptr;
  std::string out = source ? source->name : std::string("awk");
  out += ':' + std::to_string(error.pos.line) + ':' + std::to_string(error.pos.column) +
         ": syntax error: " + error.message + '\n';
  if (source == nullptr) return out;
  const std::string& text = source->text;
  const size_t at = std::min<size_t>(error.pos.offset, text.size());
  size_t begin = at;
  while (begin > 0 && text[begin - 1] != '\n') --begin;
  size_t end = text.find('\n', begin);
  if (end == std::string::npos) end = text.size();
  const std::string_view line(text.data() + begin, end - begin);
  out += "    ";
  out += line;
  out += "\n    ";
  for (size_t i = begin; i < at && i < end; ++i) out += text[i] == '\t' ? '\t' : ' ';
  out += "^\n";
  return out;
}

}  // namespace fusevm::awkfront
