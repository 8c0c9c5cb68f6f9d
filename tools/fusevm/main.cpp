// The `fusevm` command-line tool: runs, converts, assembles, disassembles and verifies chunks.
#include <iostream>
#include <map>

#include "cli_common.h"
#include "fusevm/version.h"

int main(int argc, char** argv) {
  using namespace fusevm::cli;
  CLI::App app{"fusevm — a language-agnostic bytecode VM. Chunk files: .json (the original "
               "fusevm's serde JSON), .fbc (binary), .fvm (assembly text)."};
  app.set_version_flag("--version", std::string(fusevm::kVersion));
  app.require_subcommand(1);
  std::map<std::string, Runner> runners;
  runners["convert"] = add_convert_command(app);
  runners["dis"] = add_dis_command(app);
  runners["asm"] = add_asm_command(app);
  runners["verify"] = add_verify_command(app);
  runners["run"] = add_run_command(app);
  runners["eval"] = add_eval_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  try {
    for (const auto& [name, run] : runners)
      if (app.got_subcommand(name)) return run();
  } catch (const std::exception& e) {
    // Not expected: the library reports failures as Status. Still never crash.
    return fail(std::string("internal error: ") + e.what());
  }
  return kExitError;
}
