// Shared plumbing of the CLI commands: loading any chunk file, reporting errors, exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "fusevm/formats.h"

namespace fusevm::cli {

/// Exit codes: 0 success, 1 a user error (bad input, failed check) with a message on stderr.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;

/// Prints "fusevm: <message>" to stderr and returns kExitError.
int fail(const std::string& message);

/// Loads a chunk from a .json (chunk or conformance vector), .fbc or .fvm file.
std::optional<Chunk> load_or_report(const std::string& path);

/// Each command registers itself on the app and returns the function that runs it.
using Runner = std::function<int()>;
Runner add_convert_command(CLI::App& app);
Runner add_dis_command(CLI::App& app);
Runner add_asm_command(CLI::App& app);
Runner add_verify_command(CLI::App& app);
Runner add_run_command(CLI::App& app);
Runner add_eval_command(CLI::App& app);
Runner add_ops_command(CLI::App& app);

}  // namespace fusevm::cli
