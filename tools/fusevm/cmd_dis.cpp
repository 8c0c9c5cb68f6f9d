// `fusevm dis FILE`: prints a chunk as assembly text, or (--dot) its control-flow graph as
// Graphviz DOT.
#include <iostream>

#include "cli_common.h"
#include "fusevm/cfg.h"
#include "fusevm/fuse.h"

namespace fusevm::cli {

Runner add_dis_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("dis", "Disassemble a chunk to assembly text on stdout "
                                        "(`fusevm asm` turns it back into the same chunk)");
  auto file = std::make_shared<std::string>();
  auto fuse = std::make_shared<bool>(false);
  auto dot = std::make_shared<bool>(false);
  cmd->add_option("FILE", *file, "Chunk file (.json chunk or conformance vector, .fbc, .fvm)")->required();
  cmd->add_flag("--fuse", *fuse, "Show the chunk after the fusion pass");
  cmd->add_flag("--dot", *dot,
                "Print the control-flow graph in Graphviz DOT instead: a box per basic block, a cluster "
                "per sub and block body, dashed edges for calls (render with `dot -Tsvg`)");
  return [file, fuse, dot]() -> int {
    auto chunk = load_or_report(*file);
    if (!chunk) return kExitError;
    if (*fuse) chunk = fuse_chunk(std::move(*chunk));
    std::cout << (*dot ? cfg_to_dot(*chunk) : disassemble(*chunk));
    std::cout.flush();
    if (!std::cout) return fail("writing to stdout failed");
    return kExitOk;
  };
}

}  // namespace fusevm::cli
