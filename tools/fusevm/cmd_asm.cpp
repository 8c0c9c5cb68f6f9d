// `fusevm asm FILE.fvm -o OUT`: assembles text into a chunk file.
#include <filesystem>

#include "cli_common.h"
#include "fusevm/verifier.h"

namespace fusevm::cli {

Runner add_asm_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("asm", "Assemble a .fvm text file into a chunk (format from the "
                                        "output's extension: .fbc, .json or .fvm)");
  auto file = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto no_verify = std::make_shared<bool>(false);
  cmd->add_option("FILE", *file, "Assembly source (.fvm)")->required();
  cmd->add_option("-o,--output", *out, "Output chunk file (default: FILE with the .fbc extension)");
  cmd->add_flag("--no-verify", *no_verify, "Write the chunk even if the verifier rejects it");
  return [file, out, no_verify]() -> int {
    auto text = read_file_limited(*file, LoadLimits{}.max_input_bytes);
    if (!text.ok()) return fail(text.message());
    auto chunk = assemble(*text, *file);
    if (!chunk.ok()) return fail(chunk.message());
    if (!*no_verify) {
      VerifyReport report = verify_chunk(*chunk);
      if (!report.ok()) return fail(report.format() + "(use --no-verify to write it anyway)");
    }
    std::string target = *out;
    if (target.empty()) target = std::filesystem::path(*file).replace_extension(".fbc").string();
    Status s = save_chunk_file(*chunk, target);
    if (!s.ok()) return fail(s.message());
    return kExitOk;
  };
}

}  // namespace fusevm::cli
