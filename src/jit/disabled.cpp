// The JIT's public API and the VM's JIT hooks in a build configured with FUSEVM_JIT=OFF: every
// compile reports NotCompiled, every VM only interprets. (config.cpp is built either way.)
#include "fusevm/jit.h"
#include "interp/interp.h"

namespace fusevm::jit {

class JitCompiler::Impl {
 public:
  TraceJitConfig config = TraceJitConfig::from_env();
};

struct NativeCode::Impl {};
NativeCode::~NativeCode() = default;
size_t NativeCode::code_size() const noexcept { return 0; }

JitCompiler::JitCompiler() : impl_(std::make_unique<Impl>()) {}
JitCompiler::~JitCompiler() = default;
JitCompiler& JitCompiler::global() {
  static JitCompiler* const instance = new JitCompiler();
  return *instance;
}
TraceJitConfig JitCompiler::config() const { return impl_->config; }
void JitCompiler::set_config(const TraceJitConfig& config) { impl_->config = config; }
JitStats JitCompiler::stats() const { return {}; }
void JitCompiler::reset_stats() {}
void JitCompiler::register_extension(std::shared_ptr<const JitExtension>) {}
Result<std::shared_ptr<const NativeCode>> JitCompiler::compile_linear(const Chunk&, const EntryState&) {
  return Status(ErrorCode::NotCompiled, "fusevm was built without the JIT (FUSEVM_JIT=OFF)");
}
Result<std::shared_ptr<const NativeCode>> JitCompiler::compile_block(const Chunk&, const EntryState&) {
  return Status(ErrorCode::NotCompiled, "fusevm was built without the JIT (FUSEVM_JIT=OFF)");
}
void JitCompiler::set_cache_dir(std::optional<std::string>) {}
std::string JitCompiler::cache_dir() const { return ""; }
void JitCompiler::clear_memory_cache() {}
void JitCompiler::set_log_level(std::string_view) {}

}  // namespace fusevm::jit

namespace fusevm {

void VM::Impl::jit_prepare() {
  jit_countdown_.assign(sub_entry_.size(), INT32_MAX);
  trace_reset_tables();
}
void VM::Impl::jit_begin_run() {
  jit_active_ = false;
  check_interval_ = uint64_t{1} << 14;
}
bool VM::Impl::jit_run_start() { return true; }
bool VM::Impl::jit_call(uint16_t name) {
  jit_countdown_[name] = INT32_MAX;
  return true;
}
int VM::Impl::jit_loop(uint64_t) { return 0; }
void VM::Impl::jit_end_run() {
  stats_.jit_entries = stats_.jit_exits = stats_.jit_ops = 0;
}
void VM::set_jit(bool on) { impl_->jit_enabled_ = on; }
bool VM::jit_enabled() const noexcept { return impl_->jit_enabled_; }
void VM::set_jit_timing(bool on) { impl_->jit_timing_ = on; }
void VM::set_trace_dump(bool on) { impl_->dump_traces_ = on; }
std::string VM::trace_dump() const { return ""; }
std::string VM::trace_dot() const {
  return "digraph fusevm_traces {\n  none [label=\"(built without the JIT)\", shape=plaintext];\n}\n";
}
std::vector<VM::TraceSummary> VM::trace_summaries() const { return {}; }
std::vector<jit::TraceMetadata> VM::export_traces() const { return {}; }
Status VM::import_trace(const jit::TraceMetadata&) {
  return Status(ErrorCode::NotCompiled, "fusevm was built without the JIT (FUSEVM_JIT=OFF)");
}

// The trace tier is never active without the JIT: the dispatch loop's hot counts only ever
// reach these to be set idle again.
void VM::Impl::trace_reset_tables() { hot_.assign(chunk_.ops.size() + 1, UINT16_MAX); }
int VM::Impl::trace_hot(uint64_t header, bool) {
  if (header < hot_.size()) hot_[header] = UINT16_MAX;
  return 0;
}
bool VM::Impl::trace_record_step(uint64_t, const Value*) { return false; }
int VM::Impl::trace_recorded() { return 0; }
int VM::Impl::trace_enter(TraceAnchor&, std::shared_ptr<const jit::trace::CompiledTrace>) { return 0; }

}  // namespace fusevm
