// `fusevm awk`: the POSIX awk command line on top of the frontend — options, program text from
// the command line or -f files, parse, compile, run on a VM with an AwkRuntime, exit status.
#pragma once

#include <string>
#include <vector>

namespace fusevm::awkfront {

/// Runs awk with `args` (what follows "awk" on the command line):
///   [--no-jit] [--dump] [--sandbox] [-F fs] [-v var=value]... [-f progfile]... ['program'] [operand...]
/// Returns the process exit status: the program's `exit` status, 2 on a syntax error, a fatal
/// run-time error or an input operand that could not be opened.
int awk_main(const std::vector<std::string>& args);

}  // namespace fusevm::awkfront
