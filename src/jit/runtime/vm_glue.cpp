// Where the interpreter meets the JIT: the tier policy (which entry gets compiled when) and
// entering native code with the VM's state, and taking the state back when it returns or exits.
//
// Policy (TraceJitConfig): a straight-line chunk gets the linear tier on its first run; any other
// chunk gets the block tier once it has run block_threshold times (counted process-wide); a sub
// once this VM has called it block_threshold times; a loop header once its back edge has been
// sampled loop_threshold times. Native code is looked up by the kinds of the values at the entry
// (one variant per signature, at most max_variants); an entry whose native runs are too short to
// pay for entering (under 16 ops on average over 64 entries) is not entered again.
#include <algorithm>
#include <chrono>

#include "interp/interp.h"
#include "jit/compiler_impl.h"
#include "jit/jit_log.h"
#include "jit/native_code.h"
#include "jit/trace/recorder.h"
#include "jit/types.h"

namespace fusevm {

using jit::EntryKind;
using jit::Tier;

void VM::Impl::jit_prepare() {
  chunk_hash_ = 0;
  straight_line_ = true;
  for (const Instr& ins : chunk_.ops) {
    const OpInfo& in = op_info(ins.op);
    if (in.has(opflag::kBranch) || in.has(opflag::kJump) || in.has(opflag::kCall) || in.has(opflag::kReturn) ||
        in.has(opflag::kBlockOp)) {
      straight_line_ = false;
      break;
    }
  }
  jit_config_ = jit::JitCompiler::global().config();
  const int32_t countdown = static_cast<int32_t>(std::min<uint32_t>(jit_config_.block_threshold, INT32_MAX - 1));
  jit_countdown_.assign(sub_entry_.size(), countdown);
  jit_subs_.assign(sub_entry_.size(), JitEntry{});
  jit_loops_.clear();
  jit_run_ = JitEntry{};
  trace_reset_tables();
}

void VM::Impl::jit_begin_run() {
  const jit::TraceJitConfig config = jit::JitCompiler::global().config();
  if (config.block_threshold != jit_config_.block_threshold) {
    const int32_t countdown = static_cast<int32_t>(std::min<uint32_t>(config.block_threshold, INT32_MAX - 1));
    std::fill(jit_countdown_.begin(), jit_countdown_.end(), countdown);
  }
  const bool new_threshold = config.trace_threshold != jit_config_.trace_threshold;
  jit_config_ = config;
  if (new_threshold) trace_reset_tables();
  jit_active_ = jit_enabled_ && config.enabled && !trace_ &&
                (config.linear_enabled || config.block_enabled || config.trace_enabled);
  trace_active_ = jit_active_ && config.trace_enabled;
  recorder_.reset();
  side_parent_.reset();
  trace_entries_run_ = trace_exits_run_ = trace_ops_run_ = trace_ns_run_ = block_ns_run_ = 0;
  check_interval_ = jit_active_ ? std::max<uint32_t>(1, config.loop_sample_interval) : uint64_t{1} << 14;
  jit_soon_ = false;
  jit_entries_run_ = jit_exits_run_ = jit_ops_run_ = 0;
  if (jit_active_ && chunk_hash_ == 0)
    chunk_hash_ = chunk_.content_hash != 0 ? chunk_.content_hash : chunk_.compute_content_hash();
}

void VM::Impl::jit_end_run() {
  stats_.jit_entries = jit_entries_run_;
  stats_.jit_exits = jit_exits_run_;
  stats_.jit_ops = jit_ops_run_;
  stats_.trace_entries = trace_entries_run_;
  stats_.trace_exits = trace_exits_run_;
  stats_.trace_ops = trace_ops_run_;
  stats_.trace_ns = trace_ns_run_;
  stats_.block_ns = block_ns_run_;
  recorder_.reset();  // a recording the run did not finish starts again next time
  side_parent_.reset();
  jit::JitCompiler::Impl& jc = jit::JitCompiler::global().impl();
  if (jit_entries_run_ != 0) jc.note_native(jit_entries_run_ - trace_entries_run_, jit_exits_run_);
  if (trace_entries_run_ != 0) {
    jc.trace_entries.fetch_add(trace_entries_run_, std::memory_order_relaxed);
    jc.trace_exits.fetch_add(trace_exits_run_, std::memory_order_relaxed);
  }
}

const jit::NativeCode* VM::Impl::jit_match(const JitEntry& e, size_t base, size_t depth, size_t slot_base) const {
  const bool need_fuel = limits_.fuel != 0;
  for (const auto& v : e.variants) {
    if (need_fuel && !v->fuel_checks()) continue;  // compiled for VMs without a fuel limit
    const jit::NativeCode::Impl& ci = v->impl();
    if (ci.stack_types.size() != depth) continue;
    bool ok = true;
    for (size_t i = 0; i < depth && ok; ++i) ok = (ci.stack_types[i] & jit::type_of(stack_[base + i])) != 0;
    for (const auto& [slot, t] : ci.slot_types) {
      if (!ok) break;
      const size_t at = slot_base + slot;
      ok = (t & (at < slots_.size() ? jit::type_of(slots_[at]) : jit::kUndef)) != 0;
    }
    if (ok) return v.get();
  }
  return nullptr;
}

void VM::Impl::jit_compile(JitEntry& e, Tier tier, EntryKind kind, uint64_t ip, size_t base, size_t depth,
                           size_t slot_base) {
  if (e.closed) return;
  if (e.variants.size() >= jit_config_.max_variants) {
    e.closed = true;
    return;
  }
  jit::EntryState es;
  es.kind = kind;
  es.ip = ip;
  es.fuel_checks = limits_.fuel != 0;
  for (size_t i = 0; i < depth; ++i) es.stack.push_back(jit::slot_kind_of(stack_[base + i]));
  if (kind != EntryKind::Call) {
    es.slots.resize(slot_count_);
    for (size_t s = 0; s < slot_count_ && slot_base + s < slots_.size(); ++s)
      es.slots[s] = jit::slot_kind_of(slots_[slot_base + s]);
  }
  if (chunk_.content_hash == 0) chunk_.content_hash = chunk_hash_;
  jit::JitCompiler& jc = jit::JitCompiler::global();
  auto code = tier == Tier::Linear ? jc.compile_linear(chunk_, es) : jc.compile_block(chunk_, es);
  if (!code.ok()) {
    if (e.variants.empty()) e.closed = true;  // the shape of the code, not these kinds, is the problem
    return;
  }
  e.variants.push_back(std::move(*code));
}

bool VM::Impl::jit_enter(JitEntry& e, const jit::NativeCode& code, size_t base, size_t slot_base) {
  const jit::NativeCode::Impl& ci = code.impl();
  const size_t want = base + ci.max_depth + 1;
  if (want > stack_.size()) {
    if (want > limits_.max_stack) return true;  // near the limit: the interpreter reports it where it trips
    try {
      stack_.resize(std::min(std::max(stack_.size() * 2, want), limits_.max_stack));
    } catch (const std::bad_alloc&) {
      return true;
    }
  }
  jit::JitContext& c = jctx_;
  c.stack = stack_.data();
  c.slots = slots_.data();
  c.globals = globals_.data();
  c.executed = executed_;
  c.check_at = limits_.fuel != 0 ? limits_.fuel + 1 : UINT64_MAX;
  c.interrupt = reinterpret_cast<const uint8_t*>(&interrupt_);
  c.helpers = jit::helper_table();
  c.imports = ci.imports.data();
  c.vm = this;
  c.awk_host = awk_.get();
  c.exit_flags = 0;
  c.native_depth = 0;
  c.max_native_depth = jit_config_.max_native_depth;
  c.frames = &frames_;
  c.slot_stack = &slots_;
  c.stack_size = stack_.size();
  c.max_call_depth = limits_.max_call_depth;
  c.slot_count = slot_count_;
  // Lazy native calls stop (exit to the interpreter, which makes the call itself) where an eager
  // one would have needed the interpreter: the call depth limit, the native nesting bound, or a
  // frame or slot stack that would have to grow.
  c.call_limit = std::min<uint64_t>({limits_.max_call_depth, frames_.capacity(),
                                     frames_.size() + jit_config_.max_native_depth});
  c.slot_limit = slots_.capacity();
  const uint64_t before = executed_;
  const auto t0 = jit_timing_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  const uint32_t status = ci.fn(&c, base, slot_base);
  if (jit_timing_)
    block_ns_run_ += static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
  executed_ = c.executed;
  ++jit_entries_run_;
  ++e.entries;
  e.native_ops += executed_ - before;
  jit_ops_run_ += executed_ - before;
  if (status == jit::kReturned) {
    ip_ = c.ret_ip;
    sp_ = static_cast<size_t>(c.ret_sp);
    unit_ = c.ret_unit;
  }
  if (status == jit::kExited) {
    ++jit_exits_run_;
    ip_ = c.exit_ip;
    sp_ = static_cast<size_t>(c.exit_sp);
    unit_ = 0;
    jit_soon_ = true;
    if (auto* log = jit::jit_log(); log && log->should_log(spdlog::level::trace))
      log->trace("exit chunk={:016x} entry={} at ip={} ({}) after {} native ops", chunk_hash_, code.entry_ip(),
                 c.exit_ip, c.exit_ip < chunk_.ops.size() ? op_name(chunk_.ops[c.exit_ip].op) : "end",
                 executed_ - before);
  }
  const bool check = status == jit::kExited && (c.exit_flags & jit::kExitCheckLimits);
  if (e.entries >= 64 && e.native_ops < 16 * e.entries) {
    // Entering costs more than the native code saves here: interpret this entry from now on.
    e.closed = true;
    e.variants.clear();
  }
  return check ? check_limits() : true;
}

bool VM::Impl::jit_run_start() {
  if (!jit_active_ || frames_.size() != 1 || ip_ != 0 || unit_ != 0 || chunk_.ops.empty()) return true;
  JitEntry& e = jit_run_;
  const Frame& f = frames_.back();
  const size_t base = f.stack_base, depth = sp_ - f.stack_base, slot_base = f.slot_base;
  const jit::NativeCode* code = jit_match(e, base, depth, slot_base);
  if (code == nullptr && !e.closed) {
    if (straight_line_) {
      if (jit_config_.linear_enabled) jit_compile(e, Tier::Linear, EntryKind::Run, 0, base, depth, slot_base);
    } else if (jit_config_.block_enabled &&
               jit::JitCompiler::global().impl().count_run(chunk_hash_) > jit_config_.block_threshold) {
      jit_compile(e, Tier::Block, EntryKind::Run, 0, base, depth, slot_base);
    }
    code = jit_match(e, base, depth, slot_base);
  }
  if (code == nullptr) return true;
  return jit_enter(e, *code, base, slot_base);
}

bool VM::Impl::jit_call(uint16_t name) {
  if (recorder_) {  // the recording must see the callee's ops
    jit_countdown_[name] = 0;
    return true;
  }
  if (!jit_active_ || !jit_config_.block_enabled) {
    jit_countdown_[name] = INT32_MAX;
    return true;
  }
  JitEntry& e = jit_subs_[name];
  const Frame& f = frames_.back();
  const size_t base = f.stack_base, depth = sp_ - f.stack_base, slot_base = f.slot_base;
  const jit::NativeCode* code = jit_match(e, base, depth, slot_base);
  if (code == nullptr && !e.closed) {
    jit_compile(e, Tier::Block, EntryKind::Call, ip_, base, depth, slot_base);
    code = jit_match(e, base, depth, slot_base);
  }
  if (code == nullptr) {
    jit_countdown_[name] = e.closed ? INT32_MAX : 0;
    return true;
  }
  jit_countdown_[name] = 0;
  return jit_enter(e, *code, base, slot_base);
}

int VM::Impl::jit_loop(uint64_t header) {
  if (!jit_config_.block_enabled || unit_ != 0 || recorder_) return 0;
  if (trace_active_) {
    // The trace tier has the first go at a loop: the block tier takes the ones it gives up on.
    auto t = trace_anchors_.find(header);
    if (t == trace_anchors_.end() || !t->second.blacklisted) return 0;
  }
  JitEntry& e = jit_loops_[header];
  if (e.closed && e.variants.empty()) return 0;
  const Frame& f = frames_.back();
  const size_t base = f.stack_base, depth = sp_ - f.stack_base, slot_base = f.slot_base;
  const jit::NativeCode* code = jit_match(e, base, depth, slot_base);
  if (code == nullptr && !e.closed && ++e.samples > jit_config_.loop_threshold) {
    jit_compile(e, Tier::Block, EntryKind::Loop, header, base, depth, slot_base);
    code = jit_match(e, base, depth, slot_base);
  }
  if (code == nullptr) return 0;
  return jit_enter(e, *code, base, slot_base) ? 1 : -1;
}

// ── VM API ──

void VM::set_jit(bool on) { impl_->jit_enabled_ = on; }
bool VM::jit_enabled() const noexcept { return impl_->jit_enabled_; }
void VM::set_jit_timing(bool on) { impl_->jit_timing_ = on; }

}  // namespace fusevm
