// Where the interpreter meets the trace tier: hot loop headers, recording, entering a trace and
// taking its exits (deoptimisation).
//
// Policy: every taken back edge counts down its header's hot count (hot_, in the dispatch
// loop). When it runs out, trace_hot() looks at the header: a compiled trace whose entry kinds
// match the slots now is entered; otherwise, unless the header is blacklisted, the next
// iteration is recorded (the dispatch loop switches to its tracing instantiation until the
// recording closes at the header or is abandoned). A header whose recordings fail
// max_trace_aborts times, or whose trace keeps leaving by side exits after a few iterations, is
// blacklisted for this VM — the block tier may then compile the loop instead.
//
// Deoptimisation: a trace always leaves through a snapshot. The exit stub wrote the values the
// snapshot lists to trace_values_; here they become Values again, in the slots of the loop's
// frame, on the stack, and in frames pushed for the calls the trace had inlined — exactly the
// state the interpreter would have had at the snapshot's op, which is where it resumes.
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "fusevm/containers.h"
#include "interp/interp.h"
#include "interp/value_access.h"
#include "jit/compiler_impl.h"
#include "jit/jit_log.h"
#include "jit/trace/compiled_trace.h"
#include "jit/trace/recipe.h"
#include "jit/trace/recorder.h"

namespace fusevm {

using jit::trace::CompiledTrace;
using jit::trace::IrType;
using jit::trace::Recorder;

namespace {

// Back edges between two looks at a header that is not worth looking at soon.
constexpr uint16_t kHotIdle = UINT16_MAX;

uint16_t initial_hot_count(const jit::TraceJitConfig& c) {
  return static_cast<uint16_t>(std::clamp<uint32_t>(c.trace_threshold, 1, kHotIdle));
}

Value value_from_bits(IrType type, uint64_t bits) {
  switch (type) {
    case IrType::Bool: return Value::boolean(bits != 0);
    case IrType::Int: return Value::integer(static_cast<int64_t>(bits));
    case IrType::Float: return Value::floating(std::bit_cast<double>(bits));
    default: return Value();
  }
}

bool entry_matches(const CompiledTrace& t, const Value* slots, size_t count) {
  for (const auto& [slot, kind] : t.ir.entry_slots) {
    const jit::SlotKind now = slot < count ? jit::slot_kind_of(slots[slot]) : jit::SlotKind::Undef;
    if (now != kind) return false;
  }
  return true;
}

}  // namespace

void VM::Impl::trace_reset_tables() {
  hot_.assign(chunk_.ops.size() + 1, initial_hot_count(jit::JitCompiler::global().config()));
  trace_anchors_.clear();
  recorder_.reset();
}

int VM::Impl::trace_hot(uint64_t header, bool back_edge) {
  if (!trace_active_ || !back_edge || unit_ != 0 || recorder_ || header >= hot_.size()) {
    if (header < hot_.size()) hot_[header] = kHotIdle;
    return 0;
  }
  TraceAnchor& a = trace_anchors_[header];
  if (a.blacklisted) {
    hot_[header] = kHotIdle;
    return 0;
  }
  const Frame& f = frames_.back();
  const Value* slots = slots_.data() + f.slot_base;
  const size_t count = slots_.size() - f.slot_base;
  for (const auto& v : a.variants)
    if (entry_matches(*v, slots, count)) return trace_enter(a, v);
  std::vector<jit::SlotKind> kinds(slot_count_);
  for (size_t s = 0; s < slot_count_ && s < count; ++s) kinds[s] = jit::slot_kind_of(slots[s]);
  jit::JitCompiler::Impl& jc = jit::JitCompiler::global().impl();
  // Another VM, an earlier run or an earlier process (the code cache) may have compiled this
  // loop for these kinds already.
  jit::trace::TraceSource site;
  site.chunk = &chunk_;
  site.sub_entry = &sub_entry_;
  site.slot_count = slot_count_;
  site.recording.anchor = header;
  site.recording.slot_kinds = kinds;
  if (auto known = jc.find_trace(chunk_hash_, site, !dump_traces_);
      known && a.variants.size() < jit_config_.max_variants) {
    a.variants.push_back(known);
    return trace_enter(a, known);
  }
  if (a.variants.size() >= jit_config_.max_variants) {
    hot_[header] = kHotIdle;
    return 0;
  }
  recorder_ = std::make_unique<Recorder>(chunk_, header, frames_.size(), std::move(kinds), jit_config_.max_trace_len,
                                         std::min<uint32_t>(jit_config_.max_inline_recursion, jit::trace::kMaxInlineDepth));
  jc.trace_recordings.fetch_add(1, std::memory_order_relaxed);
  switch_loop_ = true;
  return 0;
}

bool VM::Impl::trace_record_step(uint64_t ip, const Value* sp) {
  if (recorder_->step(unit_, ip, frames_.size()) != Recorder::Verdict::Continue) return false;
  const Instr& ins = chunk_.ops[ip];
  if (ins.op == Op::ArrayGet) {
    // The trace speculates that this element read keeps the kind it has now.
    jit::SlotKind kind = jit::SlotKind::Undef;
    const uint16_t g = ins.get<Op::ArrayGet, 0>();
    if (g < globals_.size() && sp > stack_.data() && globals_[g].is_array() && sp[-1].is_int()) {
      const Array& items = globals_[g].as_array();
      const auto i = static_cast<uint64_t>(sp[-1].as_int());
      if (i < items.size()) kind = jit::slot_kind_of(items[i]);
    }
    recorder_->observe(kind);
  }
  return true;
}

int VM::Impl::trace_recorded() {
  std::unique_ptr<Recorder> rec = std::move(recorder_);
  if (side_parent_) return trace_side_recorded(std::move(rec));
  const uint64_t header = rec->anchor();
  TraceAnchor& a = trace_anchors_[header];
  jit::JitCompiler::Impl& jc = jit::JitCompiler::global().impl();
  const bool closed = rec->abort_reason().empty();
  const auto give_up = [&](const std::string& why) {
    jc.trace_aborts.fetch_add(1, std::memory_order_relaxed);
    if (auto* log = jit::jit_log())
      log->info("trace abort chunk={:016x} anchor={}: {}", chunk_hash_, header, why);
    hot_[header] = initial_hot_count(jit_config_);
    if (++a.aborts >= jit_config_.max_trace_aborts) {
      a.blacklisted = true;
      hot_[header] = kHotIdle;
      jc.trace_blacklisted.fetch_add(1, std::memory_order_relaxed);
    }
    return 0;
  };
  if (!closed) return give_up(rec->abort_reason());
  jit::trace::TraceSource src;
  src.chunk = &chunk_;
  src.sub_entry = &sub_entry_;
  src.slot_count = slot_count_;
  src.recording = std::move(rec->recording());
  auto code = jc.compile_trace(src, chunk_hash_, dump_traces_);
  if (!code.ok()) return give_up(code.message());
  if (dump_traces_) keep_trace_dump(*code);
  a.variants.push_back(*code);
  // The recording closed at the header: the trace can take over right here.
  const Frame& f = frames_.back();
  if (ip_ == header && unit_ == 0 && entry_matches(**code, slots_.data() + f.slot_base, slots_.size() - f.slot_base))
    return trace_enter(a, *code);
  hot_[header] = 1;
  return 0;
}

int VM::Impl::trace_side_recorded(std::unique_ptr<Recorder> rec) {
  const std::shared_ptr<const CompiledTrace> parent = std::move(side_parent_);
  side_parent_.reset();
  const uint64_t header = rec->anchor();
  TraceAnchor& a = trace_anchors_[header];
  jit::JitCompiler::Impl& jc = jit::JitCompiler::global().impl();
  std::string why = rec->abort_reason();
  std::shared_ptr<const CompiledTrace> tree;
  if (why.empty()) {
    jit::trace::TraceSource src;
    src.chunk = &chunk_;
    src.sub_entry = &sub_entry_;
    src.slot_count = slot_count_;
    src.recording = parent->recording;
    src.sides = parent->sides;
    jit::trace::SideRecording side;
    side.parent_snap = side_snap_;
    side.ips = std::move(rec->recording().ips);
    side.slot_kinds = std::move(rec->recording().slot_kinds);
    side.observed = std::move(rec->recording().observed);
    src.sides.push_back(std::move(side));
    auto code = jc.compile_trace(src, chunk_hash_, dump_traces_);
    if (code.ok()) tree = *code;
    else why = code.message();
  }
  std::vector<uint16_t> hits = a.exit_hits[parent.get()];
  a.exit_hits.erase(parent.get());
  if (!tree) {
    // This exit keeps leaving to the interpreter; the trace stays as it was.
    jc.trace_aborts.fetch_add(1, std::memory_order_relaxed);
    if (auto* log = jit::jit_log())
      log->info("side trace abort chunk={:016x} anchor={} exit={}: {}", chunk_hash_, header, side_snap_, why);
    if (side_snap_ < hits.size()) hits[side_snap_] = UINT16_MAX;
    a.exit_hits[parent.get()] = std::move(hits);
    return 0;
  }
  jc.trace_side_traces.fetch_add(1, std::memory_order_relaxed);
  if (dump_traces_) keep_trace_dump(tree);
  // The tree keeps the parent's snapshot numbers: the exits' counts carry over.
  hits.resize(tree->ir.snaps.size(), 0);
  a.exit_hits[tree.get()] = std::move(hits);
  std::replace(a.variants.begin(), a.variants.end(), parent, tree);
  const Frame& f = frames_.back();
  if (ip_ == header && unit_ == 0 && entry_matches(*tree, slots_.data() + f.slot_base, slots_.size() - f.slot_base))
    return trace_enter(a, tree);
  return 0;
}

void VM::Impl::trace_side_exit(TraceAnchor& a, const std::shared_ptr<const CompiledTrace>& t, uint32_t snap) {
  const jit::trace::Snapshot& s = t->ir.snaps[snap];
  if (a.blacklisted || !s.side_ok || jit_config_.side_exit_threshold == 0 || s.path_depth >= jit_config_.max_trace_chain) return;
  std::vector<uint16_t>& hits = a.exit_hits[t.get()];
  if (hits.size() < t->ir.snaps.size()) hits.resize(t->ir.snaps.size(), 0);
  if (hits[snap] == UINT16_MAX || ++hits[snap] < jit_config_.side_exit_threshold) return;
  // Hot: record the interpreter's way from here back to the loop header.
  hits[snap] = 0;
  std::vector<jit::SlotKind> kinds(slot_count_);
  const size_t loop_depth = frames_.size() - s.frames.size();
  const Frame& loop_frame = frames_[loop_depth - 1];
  for (size_t k = 0; k < slot_count_; ++k) kinds[k] = jit::slot_kind_of(slots_[loop_frame.slot_base + k]);
  recorder_ = std::make_unique<Recorder>(chunk_, t->ir.anchor, loop_depth, std::move(kinds), jit_config_.max_trace_len,
                                         std::min<uint32_t>(jit_config_.max_inline_recursion, jit::trace::kMaxInlineDepth));
  side_parent_ = t;
  side_snap_ = snap;
  jit::JitCompiler::global().impl().trace_recordings.fetch_add(1, std::memory_order_relaxed);
  switch_loop_ = true;
}

int VM::Impl::trace_enter(TraceAnchor& a, std::shared_ptr<const CompiledTrace> t) {
  int result = 0;
  for (;;) {
    bool again = false;
    const int r = trace_run(a, t, again);
    if (r < 0) return r;
    if (r == 0) return result;
    result = 1;
    if (!again || switch_loop_ || a.blacklisted) return result;
    // Left at the loop header (a side path that cannot rejoin, a `continue`): go on natively
    // with the variant that fits the slots now.
    const Frame& f = frames_.back();
    const Value* slots = slots_.data() + f.slot_base;
    const size_t count = slots_.size() - f.slot_base;
    std::shared_ptr<const CompiledTrace> next;
    for (const auto& v : a.variants)
      if (entry_matches(*v, slots, count)) next = v;
    if (!next) return result;
    t = std::move(next);
  }
}

int VM::Impl::trace_run(TraceAnchor& a, const std::shared_ptr<const CompiledTrace>& code, bool& again) {
  const CompiledTrace& t = *code;
  const jit::trace::TraceIr& ir = t.ir;
  hot_[ir.anchor] = 1;  // look again at the next back edge
  const uint64_t check_at = limits_.fuel != 0 ? limits_.fuel + 1 : UINT64_MAX;
  const uint64_t two = 2 * static_cast<uint64_t>(std::max(ir.ops_per_iteration, ir.max_iteration_ops));
  // Conditions the trace does not check itself: room for two iterations of fuel, for the frames
  // of its inlined calls and for the stack values its exits may push.
  if (executed_ >= check_at || check_at - executed_ <= two) return 0;
  if (frames_.size() + ir.max_inline_depth > limits_.max_call_depth) return 0;
  if (sp_ + ir.max_stack + 1 > limits_.max_stack) return 0;
  if (trace_values_.size() < t.max_snapshot_values) trace_values_.resize(t.max_snapshot_values);
  const Frame& frame = frames_.back();
  const size_t slot_base = frame.slot_base;
  jit::JitContext& c = jctx_;
  c.slots = slots_.data();
  c.executed = executed_;
  c.check_at = check_at;
  c.interrupt = reinterpret_cast<const uint8_t*>(&interrupt_);
  c.helpers = jit::helper_table();
  c.trace_values = trace_values_.data();
  c.globals = globals_.data();
  c.chaos_state = chaos_state_;
  c.exit_flags = 0;
  const uint64_t before = executed_;
  const auto t0 = jit_timing_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  t.fn(&c, frame.stack_base, slot_base);
  if (jit_timing_)
    trace_ns_run_ += static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
  chaos_state_ = c.chaos_state;
  executed_ = c.executed;
  const jit::trace::Snapshot& snap = ir.snaps[c.exit_ip];
  const bool forced = (c.exit_flags & jit::kExitForced) != 0;

  // Rebuild the interpreter's state from the snapshot.
  const size_t stack_at = sp_;
  if (stack_at + snap.stack_size > stack_.size()) {
    grow_stack(snap.stack_size);
    if (pending_error_) {
      raise(pending_error_->first, pending_error_->second);
      pending_error_.reset();
      return -1;
    }
  }
  for (size_t k = 0; k < snap.entries.size(); ++k) {
    const jit::trace::SnapEntry& e = snap.entries[k];
    if (e.target == jit::trace::SnapTarget::Slot)
      slots_[slot_base + e.index] = value_from_bits(ir.ins[e.ref].type, trace_values_[k]);
    else if (e.target == jit::trace::SnapTarget::Stack)
      stack_[stack_at + e.index] = value_from_bits(ir.ins[e.ref].type, trace_values_[k]);
  }
  sp_ = stack_at + snap.stack_size;
  std::vector<size_t> frame_slots;
  for (const jit::trace::SnapFrame& sf : snap.frames) {
    Frame call;
    call.kind = FrameKind::Call;
    call.return_unit = 0;
    call.return_ip = sf.return_ip;
    call.stack_base = stack_at + sf.stack_base;
    call.slot_base = slots_.size();
    frames_.push_back(call);
    slots_.resize(slots_.size() + slot_count_);
    frame_slots.push_back(call.slot_base);
  }
  for (size_t k = 0; k < snap.entries.size(); ++k) {
    const jit::trace::SnapEntry& e = snap.entries[k];
    if (e.target == jit::trace::SnapTarget::FrameSlot)
      slots_[frame_slots[e.frame] + e.index] = value_from_bits(ir.ins[e.ref].type, trace_values_[k]);
  }
  unit_ = 0;
  ip_ = forced ? snap.pass_ip : snap.resume_ip;
  const bool check = forced ? snap.pass_check_limits : snap.check_limits;

  const uint64_t ran = executed_ - before;
  ++a.entries;
  a.native_ops += ran;
  ++trace_entries_run_;
  ++trace_exits_run_;
  trace_ops_run_ += ran;
  jit_ops_run_ += ran;
  ++jit_entries_run_;
  const bool side_exit = !snap.loop_exit && !forced && snap.resume_ip != ir.anchor;
  if (side_exit) {
    ++a.side_exits;
    jit::JitCompiler::global().impl().trace_side_exits.fetch_add(1, std::memory_order_relaxed);
    // A trace that keeps leaving early costs more than it saves: give the loop to the block tier.
    if (a.side_exits >= jit_config_.max_side_exits &&
        a.native_ops < 4ull * ir.ops_per_iteration * a.entries) {
      a.blacklisted = true;
      a.variants.clear();
      hot_[ir.anchor] = kHotIdle;
      jit::JitCompiler::global().impl().trace_blacklisted.fetch_add(1, std::memory_order_relaxed);
    }
  }
  if (auto* log = jit::jit_log(); log && log->should_log(spdlog::level::trace))
    log->trace("trace exit chunk={:016x} anchor={} snapshot={} resume={} after {} ops{}", chunk_hash_, ir.anchor,
               c.exit_ip, ip_, ran, forced ? " (forced)" : "");
  jit_soon_ = true;
  if (check && !check_limits()) return -1;
  if (!forced && side_exit) trace_side_exit(a, code, c.exit_ip);
  again = !forced && ip_ == ir.anchor && snap.frames.empty() && snap.stack_size == 0;
  return 1;
}

// ── VM API ──

void VM::set_trace_dump(bool on) { impl_->dump_traces_ = on; }

void VM::Impl::keep_trace_dump(const std::shared_ptr<const CompiledTrace>& trace) {
  const std::string id = "t" + std::to_string(dumped_traces_.size());
  const std::string title =
      fmt::format("trace {}: loop at ip {}{}", dumped_traces_.size(), trace->ir.anchor,
                  trace->ir.sides.empty() ? "" : fmt::format(" with {} side path(s)", trace->ir.sides.size()));
  dumped_traces_.push_back({trace, jit::trace::ir_dot(trace->ir, chunk_, id, title)});
}

std::string VM::trace_dump() const {
  std::string out;
  for (const auto& [t, dot] : impl_->dumped_traces_) {
    out += "── trace IR before optimisation ──\n" + t->ir_before;
    out += "── trace IR after optimisation ──\n" + t->ir_after;
    out += "── machine code ──\n" + t->listing + "\n";
  }
  return out;
}

std::string VM::trace_dot() const {
  std::string out = "digraph fusevm_traces {\n";
  out += "  graph [fontname=\"monospace\", fontsize=11, labelloc=t, label=\"compiled traces\"];\n";
  out += "  node [shape=box, fontname=\"monospace\", fontsize=10];\n";
  out += "  edge [fontname=\"monospace\", fontsize=9];\n";
  for (const auto& d : impl_->dumped_traces_) out += d.dot;
  if (impl_->dumped_traces_.empty()) out += "  none [label=\"(no trace compiled)\", shape=plaintext];\n";
  return out + "}\n";
}

std::vector<VM::TraceSummary> VM::trace_summaries() const {
  std::vector<TraceSummary> out;
  for (const auto& [anchor, a] : impl_->trace_anchors_) {
    TraceSummary s;
    s.anchor = anchor;
    s.variants = a.variants.size();
    s.blacklisted = a.blacklisted;
    s.aborts = a.aborts;
    s.entries = a.entries;
    s.side_exits = a.side_exits;
    s.native_ops = a.native_ops;
    if (!a.variants.empty()) {
      const jit::trace::TraceIr& ir = a.variants.front()->ir;
      s.ops_per_iteration = ir.ops_per_iteration;
      for (const auto& i : ir.ins) s.ir_instructions += i.op != jit::trace::IrOp::Nop;
      s.snapshots = static_cast<uint32_t>(ir.snaps.size());
      s.side_traces = static_cast<uint32_t>(ir.sides.size());
    }
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const TraceSummary& x, const TraceSummary& y) { return x.anchor < y.anchor; });
  return out;
}

std::vector<jit::TraceMetadata> VM::export_traces() const {
  std::vector<jit::TraceMetadata> out;
  for (const auto& [anchor, a] : impl_->trace_anchors_)
    for (const auto& t : a.variants) out.push_back(jit::trace::recipe_of(t->recording, t->sides, t->chunk_hash));
  return out;
}

Status VM::import_trace(const jit::TraceMetadata& meta) {
  Impl& im = *impl_;
  if (im.chunk_hash_ == 0)
    im.chunk_hash_ = im.chunk_.content_hash != 0 ? im.chunk_.content_hash : im.chunk_.compute_content_hash();
  if (meta.chunk_hash != im.chunk_hash_)
    return Status(ErrorCode::InvalidArgument, "trace metadata: recorded for another chunk");
  if (meta.anchor_ip >= im.chunk_.ops.size() || meta.recorded_ips.empty() ||
      meta.recorded_ips.front() != meta.anchor_ip)
    return Status(ErrorCode::InvalidArgument, "trace metadata: the recording does not start at its loop header");
  const jit::TraceJitConfig cfg = jit::JitCompiler::global().config();
  if (meta.recorded_ips.size() > cfg.max_trace_len)
    return Status(ErrorCode::InvalidArgument, "trace metadata: longer than max_trace_len");
  for (const jit::SideTraceMetadata& side : meta.side_traces)
    if (side.recorded_ips.empty() || side.recorded_ips.size() > cfg.max_trace_len ||
        side.slot_kinds.size() != im.slot_count_)
      return Status(ErrorCode::InvalidArgument, "trace metadata: a side trace is empty, too long or for another frame");
  if (meta.slot_kinds.size() != im.slot_count_)
    return Status(ErrorCode::InvalidArgument, "trace metadata: slot kinds for another frame size");
  // build_trace checks the rest against the chunk: every ip in range, each op followed by the
  // op it leads to (its jump target, the called sub, the caller), the close at the header.
  jit::trace::TraceSource src;
  src.chunk = &im.chunk_;
  src.sub_entry = &im.sub_entry_;
  src.slot_count = im.slot_count_;
  jit::trace::recordings_of(meta, src);
  auto code = jit::JitCompiler::global().impl().compile_trace(src, im.chunk_hash_, im.dump_traces_);
  if (!code.ok()) return code.status();
  TraceAnchor& a = im.trace_anchors_[meta.anchor_ip];
  a.variants.push_back(*code);
  if (meta.anchor_ip < im.hot_.size()) im.hot_[meta.anchor_ip] = 1;
  return Status();
}

}  // namespace fusevm
