// `fusevm verify FILE`: runs the verifier; exit 0 if the chunk is valid.
#include <iostream>

#include "cli_common.h"
#include "fusevm/verifier.h"

namespace fusevm::cli {

Runner add_verify_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "verify", "Verify a chunk: exit 0 if it is valid, otherwise print why and exit 1. Warnings "
                "(constructs the original tolerates) are printed but do not fail unless --strict");
  auto file = std::make_shared<std::string>();
  auto strict = std::make_shared<bool>(false);
  auto quiet = std::make_shared<bool>(false);
  cmd->add_option("FILE", *file, "Chunk file (.json chunk or conformance vector, .fbc, .fvm)")->required();
  cmd->add_flag("--strict", *strict, "Treat warnings as errors");
  cmd->add_flag("-q,--quiet", *quiet, "Print nothing when the chunk is valid");
  return [file, strict, quiet]() -> int {
    auto chunk = load_or_report(*file);
    if (!chunk) return kExitError;
    VerifyOptions options;
    options.strict = *strict;
    VerifyReport report = verify_chunk(*chunk, options);
    if (!report.ok()) {
      std::cerr << report.format();
      return kExitError;
    }
    if (!*quiet) {
      std::cerr << report.format();
      std::cout << *file << ": ok (" << chunk->ops.size() << " ops, " << report.warning_count()
                << " warnings)\n";
    }
    return kExitOk;
  };
}

}  // namespace fusevm::cli
