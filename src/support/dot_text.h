// Text inside Graphviz DOT strings, shared by the chunk CFG (`fusevm dis --dot`) and the trace
// graphs (`fusevm run --trace-dot`).
#pragma once

#include <string>
#include <string_view>

namespace fusevm {

/// Appends `s` for use inside a double-quoted DOT string: backslashes and quotes are escaped
/// (Graphviz reads backslash escapes there), and bytes that are not valid UTF-8 (Graphviz rejects
/// them) or are control characters become '?'.
void append_dot_text(std::string& out, std::string_view s);

/// `s` as a double-quoted DOT string.
std::string dot_quoted(std::string_view s);

}  // namespace fusevm
