// Fuzzes the interpreter: arbitrary chunks (binary payloads behind a valid header) run under
// tight limits, with the default shell host and no awk host, twice — with the VM's quickening
// on and off — and the two runs must end identically (result, error, output, op count). A crash,
// a sanitizer report, a hang past the fuzzer's timeout or a difference is a finding.
#include "fusevm/value.h"
#include "fusevm/vm.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fusevm;
  using fuzz::Outcome;
  auto chunk = chunk_from_binary(fuzz::with_valid_header(data, size), fuzz::limits());
  if (!chunk.ok() || fuzz::uses_environment(*chunk)) return 0;
  // The JIT stays out: fuzz_jit compares it with the interpreter.
  auto run = [&](bool quicken) {
    return fuzz::run_small(*chunk, 20'000, [quicken](VM& vm) {
      vm.set_quickening(quicken);
      vm.set_jit(false);
    });
  };
  const Outcome quick = run(true);
  const Outcome plain = run(false);
  fuzz::check(quick.kind == plain.kind, "same kind of end with and without quickening");
  fuzz::check(quick.error == plain.error, "same error with and without quickening");
  fuzz::check(identical(quick.value, plain.value), "same value with and without quickening");
  fuzz::check(quick.out == plain.out, "same output with and without quickening");
  fuzz::check(quick.ops == plain.ops, "same op count with and without quickening");
  return 0;
}
