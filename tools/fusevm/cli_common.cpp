// Shared plumbing of the CLI commands.
#include "cli_common.h"

#include <iostream>

namespace fusevm::cli {

int fail(const std::string& message) {
  std::cerr << "fusevm: " << message << "\n";
  return kExitError;
}

std::optional<Chunk> load_or_report(const std::string& path) {
  auto chunk = load_chunk_file(path);
  if (!chunk.ok()) {
    fail(chunk.message());
    return std::nullopt;
  }
  return std::move(chunk).value();
}

}  // namespace fusevm::cli
