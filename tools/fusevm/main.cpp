// The `fusevm` command-line tool: runs, converts, assembles, disassembles and verifies chunks.
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "awk/driver/awk_main.h"
#include "cli_common.h"
#include "fusevm/version.h"

int main(int argc, char** argv) {
  using namespace fusevm::cli;
  // `fusevm awk` takes awk's own command line (-F: and -vx=1 joined, operands after the
  // program), which a generic option parser would misread: it is dispatched before CLI11.
  if (argc >= 2 && std::string_view(argv[1]) == "awk") {
    return fusevm::awkfront::awk_main(std::vector<std::string>(argv + 2, argv + argc));
  }
  CLI::App app{"fusevm — a language-agnostic bytecode VM. Chunk files: .json (the original "
               "fusevm's serde JSON), .fbc (binary), .fvm (assembly text)."};
  app.set_version_flag("--version", std::string(fusevm::kVersion));
  app.require_subcommand(1);
  app.footer("fusevm awk [-F fs] [-v var=value] [-f progfile | 'program'] [file ...]: runs an awk program "
             "(fusevm awk --help)");
  std::map<std::string, Runner> runners;
  runners["convert"] = add_convert_command(app);
  runners["dis"] = add_dis_command(app);
  runners["asm"] = add_asm_command(app);
  runners["verify"] = add_verify_command(app);
  runners["run"] = add_run_command(app);
  runners["eval"] = add_eval_command(app);
  runners["ops"] = add_ops_command(app);
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
