// Fuzzes the whole awk path on arbitrary program text: parse, compile, run in the sandbox under
// small limits (fuel, memory, call depth) with a fixed input. Any outcome is fine — output, a
// syntax error, a run-time error — except a crash, a sanitizer report, a leak, a hang past the
// fuel limit, or an error with another exit status than 2.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "awk/driver/awk_run.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fusevm;
  using namespace fusevm::awkfront;
  const std::vector<Source> sources{{"fuzz.awk", std::string(reinterpret_cast<const char*>(data), size)}};
  AwkRunOptions options;
  options.jit = false;  // fuzz_jit compares the JIT with the interpreter
  options.limits.fuel = 100'000;
  options.limits.memory_limit = 64u << 20;
  options.limits.max_call_depth = 200;
  options.runtime.sandbox = true;
  options.runtime.use_process_environ = false;
  options.runtime.environ = {"HOME=/nonexistent", "PATH=/bin"};
  size_t printed = 0;
  options.runtime.output = [&printed](std::string_view text) { printed += text.size(); };
  options.runtime.stdin_source = [] { return std::make_unique<StringSource>("a b c\n1 2 3\n\nx,y;z 4.5e1 0x10\n", 7); };
  const AwkRunResult result = run_awk(sources, std::move(options));
  // A failure always has status 2 (a program may also exit 2 by itself).
  if (!result.error.empty() && result.status != 2) std::abort();
  return 0;
}
