// Running an awk program in-process: parse, compile, set up an AwkRuntime on a VM, run, flush.
// What `fusevm awk` does after reading its command line, available to embedders and tests that
// want awk with their own input, output, limits or sandbox.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "awk/runtime/awk_runtime.h"
#include "awk/source.h"
#include "fusevm/vm.h"

namespace fusevm::awkfront {

struct AwkRunOptions {
  /// -v assignments (name, value before escape processing), applied before BEGIN.
  std::vector<std::pair<std::string, std::string>> assignments;
  /// ARGV[1..]: input files, "-" and var=value assignments.
  std::vector<std::string> operands;
  /// Output, input, environment and sandbox (argv is filled from `operands`).
  AwkRuntimeOptions runtime;
  /// Limits of the VM (fuel, memory, call depth, stack).
  VMLimits limits;
  bool jit = true;
  /// Print the compiled chunk as assembly into `AwkRunResult::listing` instead of running.
  bool dump = false;
};

struct AwkRunResult {
  /// The process exit status awk would have: the program's `exit` status, or 2 for a syntax
  /// error, a fatal run-time error, or an input operand that could not be opened.
  int status = 0;
  /// Set when the program could not be compiled or failed: "prog.awk:3:7: syntax error: ..."
  /// (with the line and a caret) or "prog.awk:3: division by zero attempted".
  std::string error;
  std::string listing;  ///< see AwkRunOptions::dump
};

AwkRunResult run_awk(const std::vector<Source>& sources, AwkRunOptions options);

/// The VM's error message made readable for awk users: the op location the VM adds
/// ("(ip 12, ExtendedWide): extension op 41026: ") is reduced to the file and line.
std::string awk_error_message(const std::string& vm_message);

}  // namespace fusevm::awkfront
