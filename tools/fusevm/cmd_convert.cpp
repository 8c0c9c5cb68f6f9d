// `fusevm convert IN OUT`: rewrites a chunk in the format OUT's extension names.
#include <fstream>
#include <iostream>

#include "cli_common.h"
#include "fusevm/fuse.h"

namespace fusevm::cli {

Runner add_convert_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "convert", "Convert a chunk between formats: .json (the original's serde JSON), .fbc "
                 "(binary) and .fvm (assembly text); each side's format comes from its extension");
  auto in = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto compact = std::make_shared<bool>(false);
  auto fuse = std::make_shared<bool>(false);
  cmd->add_option("IN", *in, "Input chunk (.json chunk or conformance vector, .fbc, .fvm)")->required();
  cmd->add_option("OUT", *out, "Output file (.json, .fbc or .fvm)")->required();
  cmd->add_flag("--compact", *compact, "Write JSON without whitespace (default: one element per line)");
  cmd->add_flag("--fuse", *fuse, "Run the fusion pass on the chunk before writing it");
  return [in, out, compact, fuse]() -> int {
    auto chunk = load_or_report(*in);
    if (!chunk) return kExitError;
    if (*fuse) chunk = fuse_chunk(std::move(*chunk));
    if (*compact && format_from_path(*out) == ChunkFormat::Json) {
      auto json = chunk_to_json(*chunk, JsonStyle::Compact);
      if (!json.ok()) return fail(json.message());
      std::ofstream f(*out, std::ios::binary | std::ios::trunc);
      f << *json;
      if (!f) return fail(*out + ": write failed");
      return kExitOk;
    }
    Status s = save_chunk_file(*chunk, *out);
    if (!s.ok()) return fail(s.message());
    return kExitOk;
  };
}

}  // namespace fusevm::cli
