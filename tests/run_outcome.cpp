#include "run_outcome.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "fusevm/formats.h"
#include "fusevm/jit.h"

namespace fusevm::test {
namespace {

std::string describe(const Value& v) {
  auto text = value_to_json(v, ValueJsonStyle::Report);
  return std::string(value_type_name(v.type())) + " " + (text.ok() ? *text : v.to_str());
}

const char* kind_name(VMResult::Kind k) {
  switch (k) {
    case VMResult::Kind::Ok: return "ok";
    case VMResult::Kind::Halted: return "halted";
    case VMResult::Kind::Error: return "error";
  }
  return "?";
}

// identical(), except that any two NaNs are the same: no op or output of fusevm tells NaNs
// apart, and which NaN an operation on two NaNs returns depends on how the C++ compiler ordered
// its operands (it differs between our own builds), so it is not part of the contract.
bool same_value(const Value& a, const Value& b) {
  if (a.is_float() && b.is_float() && std::isnan(a.as_float()) && std::isnan(b.as_float())) return true;
  return identical(a, b);
}

}  // namespace

RunOutcome run_outcome(const Chunk& chunk, const RunOptions& options) {
  RunOutcome out;
  jit::JitCompiler& jc = jit::JitCompiler::global();
  const jit::TraceJitConfig saved = jc.config();
  if (options.jit == JitMode::Eager) jc.set_config(jit::TraceJitConfig::eager());
  if (options.jit == JitMode::Default) jc.set_config(jit::TraceJitConfig{});
  if (options.jit == JitMode::Sampled) {
    jit::TraceJitConfig c = jit::TraceJitConfig::eager();
    c.block_threshold = 1;
    c.loop_threshold = 1;
    c.loop_sample_interval = 7;
    jc.set_config(c);
  }
  if (options.jit == JitMode::Traced || options.jit == JitMode::TraceChaos) {
    jit::TraceJitConfig c = jit::TraceJitConfig::eager();
    c.linear_enabled = c.block_enabled = false;
    c.trace_opts = options.trace_opts;
    c.trace_chaos_mask = options.jit == JitMode::TraceChaos ? 3 : 0;
    jc.set_config(c);
  }
  VM vm(chunk, options.limits);
  vm.set_quickening(options.quicken);
  vm.set_jit(options.jit != JitMode::Off);
  VMResult r = VMResult::halted();
  for (size_t run = 0; run < std::max<size_t>(options.runs, 1); ++run) {
    if (run > 0) vm.reset();
    for (size_t s = 0; s < options.initial_slots.size(); ++s)
      vm.set_slot(static_cast<uint16_t>(s), options.initial_slots[s]);
    out = RunOutcome{};
    vm.set_output([&out](std::string_view text) { out.stdout_text += text; });
    vm.set_input([]() -> std::optional<std::string> { return std::nullopt; });
    r = vm.run();
  }
  jc.set_config(saved);
  out.kind = r.kind();
  out.code = r.error_code();
  out.error = r.error();
  out.value = r.value();
  out.ops = vm.stats().ops_executed;
  out.jit_entries = vm.stats().jit_entries;
  out.jit_ops = vm.stats().jit_ops;
  for (uint16_t s = 0; s < options.slots_to_read; ++s) out.slots.push_back(vm.get_slot(s));
  return out;
}

std::string outcome_difference(const RunOutcome& a, const RunOutcome& b, bool compare_ops,
                               bool compare_errors) {
  std::string d;
  if (a.kind != b.kind) d += std::string("kind ") + kind_name(a.kind) + " vs " + kind_name(b.kind) + "; ";
  if (a.code != b.code) d += "error code differs; ";
  if (compare_errors && a.error != b.error) d += "error \"" + a.error + "\" vs \"" + b.error + "\"; ";
  if (!same_value(a.value, b.value)) d += "value " + describe(a.value) + " vs " + describe(b.value) + "; ";
  if (a.stdout_text != b.stdout_text) d += "stdout differs; ";
  if (compare_ops && a.ops != b.ops)
    d += "ops " + std::to_string(a.ops) + " vs " + std::to_string(b.ops) + "; ";
  for (size_t s = 0; s < a.slots.size() && s < b.slots.size(); ++s)
    if (!same_value(a.slots[s], b.slots[s]))
      d += "slot " + std::to_string(s) + " " + describe(a.slots[s]) + " vs " + describe(b.slots[s]) + "; ";
  return d;
}

std::string listing(const Chunk& chunk) { return disassemble(chunk); }

Chunk assemble_text(std::string_view text, std::string_view name) {
  auto chunk = assemble(text, name);
  if (!chunk.ok()) {
    ADD_FAILURE() << "does not assemble: " << chunk.message() << "\n" << text;
    return Chunk{};
  }
  return std::move(*chunk);
}

RunOutcome run_text(std::string_view text, RunOptions options) {
  return run_outcome(assemble_text(text), options);
}

const char* mode_name(JitMode m) {
  switch (m) {
    case JitMode::Off: return "off";
    case JitMode::Default: return "default";
    case JitMode::Eager: return "eager";
    case JitMode::Sampled: return "sampled";
    case JitMode::Traced: return "traced";
    case JitMode::TraceChaos: return "trace-chaos";
  }
  return "?";
}

std::string jit_differences(const Chunk& chunk, std::initializer_list<JitMode> modes, RunOptions base,
                            Coverage* cov) {
  base.jit = JitMode::Off;
  const RunOutcome reference = run_outcome(chunk, base);
  for (JitMode m : modes) {
    base.jit = m;
#if FUSEVM_HAS_JIT
    const uint64_t sides_before = jit::JitCompiler::global().stats().trace_side_traces;
#endif
    const RunOutcome got = run_outcome(chunk, base);
#if FUSEVM_HAS_JIT
    if (cov) cov->side_traces += jit::JitCompiler::global().stats().trace_side_traces - sides_before;
#endif
    if (cov) {
      cov->entries += got.jit_entries;
      cov->native_ops += got.jit_ops;
      cov->ops += got.ops;
    }
    const std::string d = outcome_difference(reference, got);
    if (!d.empty()) return std::string("jit ") + mode_name(m) + ": " + d;
  }
  return "";
}

}  // namespace fusevm::test
