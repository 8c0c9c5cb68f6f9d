// TraceJitConfig defaults and environment overrides, and the small name tables of jit.h.
#include <cctype>
#include <cstdlib>
#include <string>

#include "fusevm/jit.h"
#include "jit/env_text.h"
#include "jit/types.h"

namespace fusevm::jit {
namespace {

bool env_off(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' && means_off(v);
}

void env_u32(const char* name, uint32_t& out) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(v, &end, 10);
  if (end != v && *end == '\0' && n <= UINT32_MAX) out = static_cast<uint32_t>(n);
}

// "nofold,nopeel": the trace optimisations to switch off.
void env_passes(const char* name, TraceOptimizations& opts) {
  const char* v = std::getenv(name);
  if (v == nullptr) return;
  const std::string text = v;
  const auto has = [&](const char* word) { return text.find(word) != std::string::npos; };
  if (has("nofold")) opts.fold = false;
  if (has("nocse")) opts.cse = false;
  if (has("noguards")) opts.guard_elim = false;
  if (has("nopeel")) opts.peel = false;
  if (has("nounbox")) opts.unbox = false;
  if (has("nosink")) opts.sink = false;
  if (has("noclosed")) opts.closed_form = false;
}

}  // namespace

TraceJitConfig TraceJitConfig::from_env() {
  TraceJitConfig c;
  if (env_off("FUSEVM_JIT")) c.enabled = false;
  if (env_off("FUSEVM_JIT_LINEAR")) c.linear_enabled = false;
  if (env_off("FUSEVM_JIT_BLOCK")) c.block_enabled = false;
  env_u32("FUSEVM_JIT_BLOCK_THRESHOLD", c.block_threshold);
  env_u32("FUSEVM_JIT_LOOP_THRESHOLD", c.loop_threshold);
  if (env_off("FUSEVM_JIT_TRACE")) c.trace_enabled = false;
  env_u32("FUSEVM_JIT_TRACE_THRESHOLD", c.trace_threshold);
  env_passes("FUSEVM_JIT_TRACE_PASSES", c.trace_opts);
  env_u32("FUSEVM_JIT_TRACE_CHAOS", c.trace_chaos_mask);
  env_u32("FUSEVM_JIT_TRACE_SIDE_THRESHOLD", c.side_exit_threshold);
  return c;
}

TraceJitConfig TraceJitConfig::eager() {
  TraceJitConfig c;
  c.block_threshold = 0;
  c.loop_threshold = 0;
  c.loop_sample_interval = 1;
  c.trace_threshold = 0;
  c.side_exit_threshold = 1;
  return c;
}

std::string_view tier_name(Tier tier) noexcept {
  switch (tier) {
    case Tier::Interp: return "interp";
    case Tier::Linear: return "linear";
    case Tier::Block: return "block";
    case Tier::Trace: return "trace";
  }
  return "?";
}

std::string_view slot_kind_name(SlotKind kind) noexcept {
  switch (kind) {
    case SlotKind::Undef: return "Undef";
    case SlotKind::Bool: return "Bool";
    case SlotKind::Int: return "Int";
    case SlotKind::Float: return "Float";
    case SlotKind::Other: return "Other";
  }
  return "?";
}

SlotKind slot_kind_of(const Value& v) noexcept {
  switch (v.type()) {
    case ValueType::Undef: return SlotKind::Undef;
    case ValueType::Bool: return SlotKind::Bool;
    case ValueType::Int: return SlotKind::Int;
    case ValueType::Float: return SlotKind::Float;
    default: return SlotKind::Other;
  }
}

std::optional<NativeOp> JitExtension::extended(uint16_t, uint8_t) const { return std::nullopt; }
std::optional<NativeOp> JitExtension::builtin(uint16_t, uint8_t) const { return std::nullopt; }

}  // namespace fusevm::jit
