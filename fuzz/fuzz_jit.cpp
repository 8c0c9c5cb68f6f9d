// Fuzzes the JIT against the interpreter: arbitrary chunks (binary payloads behind a valid
// header) run under tight limits with the JIT off, with every JIT threshold at 0, and with the
// trace tier alone (forcing random exits at passing guards), and the runs must end identically (status, error, value, output, op count, final slots). A crash, a
// sanitizer report, a hang past the fuzzer's timeout or a difference is a finding.
#include <cmath>

#include "fusevm/jit.h"
#include "fusevm/value.h"
#include "fusevm/vm.h"
#include "fuzz_support.h"

namespace {

using namespace fusevm;

// identical(), except that any two NaNs are the same (which NaN comes out of an operation on
// NaNs is not part of the contract; docs/jit.md).
bool same(const Value& a, const Value& b) {
  if (a.is_float() && b.is_float() && std::isnan(a.as_float()) && std::isnan(b.as_float())) return true;
  return identical(a, b);
}

jit::TraceJitConfig trace_only() {
  jit::TraceJitConfig c = jit::TraceJitConfig::eager();
  c.linear_enabled = c.block_enabled = false;
  c.trace_chaos_mask = 3;
  return c;
}

void expect_same(const fuzz::Outcome& a, const fuzz::Outcome& b) {
  fuzz::check(a.kind == b.kind, "same kind of end with and without the JIT");
  fuzz::check(a.error == b.error, "same error with and without the JIT");
  fuzz::check(same(a.value, b.value), "same value with and without the JIT");
  fuzz::check(a.out == b.out, "same output with and without the JIT");
  fuzz::check(a.ops == b.ops, "same op count with and without the JIT");
  for (size_t s = 0; s < a.slots.size(); ++s) fuzz::check(same(a.slots[s], b.slots[s]), "same slots with and without the JIT");
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
  if (!chunk.ok() || fuzz::uses_environment(*chunk)) return 0;
  auto run = [&](bool jit, uint64_t fuel) {
    return fuzz::run_small(*chunk, fuel, [jit](VM& vm) { vm.set_jit(jit); });
  };
  // Without a fuel limit native code runs unchecked loops, so the budget is kept both ways:
  // the code that checks fuel is what a limited VM runs.
  for (uint64_t fuel : {uint64_t{20'000}, uint64_t{1 + size % 997}}) {
    const fuzz::Outcome a = run(false, fuel);
    expect_same(a, run(true, fuel));
    jit::JitCompiler& jc = jit::JitCompiler::global();
    jc.set_config(trace_only());
    const fuzz::Outcome t = run(true, fuel);
    jc.set_config(jit::TraceJitConfig::eager());
    expect_same(a, t);
  }
  return 0;
}
