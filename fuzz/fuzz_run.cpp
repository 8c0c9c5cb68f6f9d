// Fuzzes the interpreter: arbitrary chunks (binary payloads behind a valid header) run under
// tight limits, with the default shell host and no awk host, twice — with the VM's quickening
// on and off — and the two runs must end identically (result, error, output, op count). A crash,
// a sanitizer report, a hang past the fuzzer's timeout or a difference is a finding.
#include "fusevm/value.h"
#include "fusevm/vm.h"
#include "fuzz_support.h"

namespace {

using namespace fusevm;

struct Outcome {
  VMResult::Kind kind;
  std::string error;
  Value value;
  std::string out;
  uint64_t ops;
};

Outcome run(const Chunk& chunk, bool quicken) {
  // Fuel counts instructions, and one instruction may copy up to the memory limit (StringRepeat,
  // Concat, Range, ...): both are kept small so that no input runs for long.
  VMLimits limits;
  limits.fuel = 20'000;
  limits.max_stack = 10'000;
  limits.max_call_depth = 200;
  limits.memory_limit = 1 << 20;
  VM vm(chunk, limits);
  vm.set_quickening(quicken);
  Outcome o;
  vm.set_output([&o](std::string_view text) {
    if (o.out.size() < (1 << 16)) o.out.append(text);
  });
  vm.set_input([]() -> std::optional<std::string> { return std::nullopt; });
  VMResult r = vm.run();
  o.kind = r.kind();
  o.error = r.error();
  o.value = r.value();
  o.ops = vm.stats().ops_executed;
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto chunk = chunk_from_binary(fuzz::with_valid_header(data, size), fuzz::limits());
  if (!chunk.ok()) return 0;
  // Left out: ops that read the real disk (globbing, file tests; the default host starts no
  // process) and ops whose result depends on the clock, which two runs would see differently.
  for (const Instr& ins : chunk->ops) {
    Op op = ins.op;
    if (op == Op::ExtendedWide) op = awk_op_for_id(static_cast<uint16_t>(ins.raw(0))).value_or(op);
    if (op == Op::Glob || op == Op::GlobRecursive || op == Op::TestFile || op == Op::AwkSystime ||
        op == Op::AwkSrand || op == Op::AwkStrftime || op == Op::AwkMktime)
      return 0;
  }
  const Outcome quick = run(*chunk, true);
  const Outcome plain = run(*chunk, false);
  fuzz::check(quick.kind == plain.kind, "same kind of end with and without quickening");
  fuzz::check(quick.error == plain.error, "same error with and without quickening");
  fuzz::check(identical(quick.value, plain.value), "same value with and without quickening");
  fuzz::check(quick.out == plain.out, "same output with and without quickening");
  fuzz::check(quick.ops == plain.ops, "same op count with and without quickening");
  return 0;
}
