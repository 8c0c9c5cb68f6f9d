// Fuzzes the JIT against the interpreter: arbitrary chunks (binary payloads behind a valid
// header) run under tight limits with the JIT off and with every JIT threshold at 0, and the two
// runs must end identically (status, error, value, output, op count, final slots). A crash, a
// sanitizer report, a hang past the fuzzer's timeout or a difference is a finding.
#include <cmath>

#include "fusevm/jit.h"
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
  std::vector<Value> slots;
};

// identical(), except that any two NaNs are the same (which NaN comes out of an operation on
// NaNs is not part of the contract; docs/jit.md).
bool same(const Value& a, const Value& b) {
  if (a.is_float() && b.is_float() && std::isnan(a.as_float()) && std::isnan(b.as_float())) return true;
  return identical(a, b);
}

Outcome run(const Chunk& chunk, bool jit, uint64_t fuel) {
  VMLimits limits;
  limits.fuel = fuel;
  limits.max_stack = 10'000;
  limits.max_call_depth = 200;
  limits.memory_limit = 1 << 20;
  VM vm(chunk, limits);
  vm.set_jit(jit);
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
  for (uint16_t s = 0; s < 8; ++s) o.slots.push_back(vm.get_slot(s));
  return o;
}

const bool kConfigured = [] {
  jit::JitCompiler& jc = jit::JitCompiler::global();
  jc.set_config(jit::TraceJitConfig::eager());
  jc.set_cache_dir(std::string());  // no disk cache: every input compiles afresh
  return true;
}();

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)kConfigured;
  auto chunk = chunk_from_binary(fuzz::with_valid_header(data, size), fuzz::limits());
  if (!chunk.ok()) return 0;
  // Left out, as in fuzz_run: ops that read the disk or the clock.
  for (const Instr& ins : chunk->ops) {
    Op op = ins.op;
    if (op == Op::ExtendedWide) op = awk_op_for_id(static_cast<uint16_t>(ins.raw(0))).value_or(op);
    if (op == Op::Glob || op == Op::GlobRecursive || op == Op::TestFile || op == Op::AwkSystime ||
        op == Op::AwkSrand || op == Op::AwkStrftime || op == Op::AwkMktime)
      return 0;
  }
  // Without a fuel limit native code runs unchecked loops, so the budget is kept both ways:
  // the code that checks fuel is what a limited VM runs.
  for (uint64_t fuel : {uint64_t{20'000}, uint64_t{1 + size % 997}}) {
    const Outcome a = run(*chunk, false, fuel);
    const Outcome b = run(*chunk, true, fuel);
    fuzz::check(a.kind == b.kind, "same kind of end with and without the JIT");
    fuzz::check(a.error == b.error, "same error with and without the JIT");
    fuzz::check(same(a.value, b.value), "same value with and without the JIT");
    fuzz::check(a.out == b.out, "same output with and without the JIT");
    fuzz::check(a.ops == b.ops, "same op count with and without the JIT");
    for (size_t s = 0; s < a.slots.size(); ++s) fuzz::check(same(a.slots[s], b.slots[s]), "same slots with and without the JIT");
  }
  return 0;
}
