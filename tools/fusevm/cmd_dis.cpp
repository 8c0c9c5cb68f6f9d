// `fusevm dis FILE`: prints a chunk as assembly text.
#include <iostream>

#include "cli_common.h"
#include "fusevm/fuse.h"

namespace fusevm::cli {

Runner add_dis_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("dis", "Disassemble a chunk to assembly text on stdout "
                                        "(`fusevm asm` turns it back into the same chunk)");
  auto file = std::make_shared<std::string>();
  auto fuse = std::make_shared<bool>(false);
  cmd->add_option("FILE", *file, "Chunk file (.json chunk or conformance vector, .fbc, .fvm)")->required();
  cmd->add_flag("--fuse", *fuse, "Show the chunk after the fusion pass");
  return [file, fuse]() -> int {
    auto chunk = load_or_report(*file);
    if (!chunk) return kExitError;
    if (*fuse) chunk = fuse_chunk(std::move(*chunk));
    std::cout << disassemble(*chunk);
    std::cout.flush();
    if (!std::cout) return fail("writing to stdout failed");
    return kExitOk;
  };
}

}  // namespace fusevm::cli
