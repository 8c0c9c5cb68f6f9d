// The interpreter's state (VM::Impl) and the pieces the dispatch loop shares with its slow paths.
//
// Invariants the loop relies on:
//  * Code. Each code unit is a private copy of ops followed by one end sentinel (an instruction
//    whose opcode is kOpCount). Unit 0 is the chunk; unit 1+b is block range b, copied out with its
//    jump targets rebased, so reaching a block's end is reaching its sentinel. Jump targets past a
//    unit's end are clamped to the sentinel, which ends the run (the original's rule).
//  * Quickening. A unit holds its code twice, `span` instructions apart: first the quickened
//    copy, in which quick ops (quick_ops.def) stand over the first op of sequences they replace,
//    then the original. The loop runs the quickened copy; a quick op that meets a case it does
//    not handle deoptimizes by moving ip (and the segment start) `span` ahead, into the original,
//    where execution goes on until the next jump brings it back (jumps index from `code`, the
//    quickened copy). An op index is therefore `(ip - code) % span`. A slow path saves the
//    index and resumes in the quickened copy (an index holds either the original op or a quick
//    op equivalent to running the originals from there); growing the stack never moves ip,
//    because a handler may read its operands after it. Tracing runs the original.
//  * Stack. stack_ is fully constructed (size = capacity); values at and above sp_ hold no heap
//    object, so the loop may overwrite them without releasing. Every frame has a base; popping
//    below it is a stack underflow.
//  * Slots. Each Call or Scope frame owns a window of slots_ at least slot_count_ long (the
//    verifier's bound on slot operands), so slot operands never need a bounds check. Block frames
//    share their enclosing frame's window. Only the top frame's window may grow (handlers).
//  * Globals and constants are padded so every Name and Const operand is in range.
//  * Fuel. The count of executed instructions is exact but kept per straight-line segment: the
//    loop adds a segment's length when control leaves it (a taken jump, a call, a slow path), so
//    a plain op pays nothing for counting. Taken jumps and calls check the fuel limit and the
//    interrupt flag.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fusevm/awk_host.h"
#include "fusevm/jit.h"
#include "fusevm/shell_host.h"
#include "fusevm/vm.h"
#include "interp/flat_stack.h"
#include "jit/runtime/context.h"

namespace fusevm {

/// "threw: <what()>" for an exception a handler or callback threw (hooks.cpp).
std::string describe_exception(std::exception_ptr e);

/// The sentinel opcode that ends a code unit (not a real op; never in a chunk).
inline constexpr uint8_t kEndOpcode = static_cast<uint8_t>(kOpCount);

enum class FrameKind : uint8_t { Root, Call, Scope, Block };

/// A block whose whole code is one comparison op, which a sort can run natively.
enum class NativeOrder : uint8_t { None, Numeric /* Spaceship */, Text /* StrCmp */ };

struct CodeUnit {
  std::vector<Instr> ops;  // quickened ops, sentinel, original ops, sentinel
  size_t span = 0;         // distance from the quickened copy to the original (ops + sentinel)
  uint64_t origin = 0;     // chunk op index of ops[0], for messages
  NativeOrder native_order = NativeOrder::None;

  const Instr* quickened() const noexcept { return ops.data(); }
  const Instr* original() const noexcept { return ops.data() + span; }
};

struct Frame {
  FrameKind kind = FrameKind::Root;
  uint32_t return_unit = 0;   // where the caller resumes
  uint64_t return_ip = 0;
  size_t stack_base = 0;      // stack index of the frame's first value
  size_t slot_base = 0;       // slots_ index of the frame's first slot
  uint32_t block_run = 0;     // Block frames: index into block_runs_
};

/// The state of a running MapBlock / GrepBlock / SortBlock / ForEachBlock.
struct BlockRun {
  Op op = Op::MapBlock;
  uint32_t unit = 0;           // the block's code unit
  uint64_t op_index = 0;       // the block op, for messages
  Value source;                // the array being processed
  size_t index = 0;            // map/grep/foreach: the element being processed
  ValueVector results;         // map and grep
  // SortBlock: a bottom-up merge sort of `order`, resumable at each comparison.
  std::vector<uint32_t> order, merged;
  size_t width = 1, lo = 0, mid = 0, hi = 0, i = 0, j = 0, k = 0;
};

namespace jit::trace {
struct CompiledTrace;
class Recorder;
}  // namespace jit::trace

/// One loop header as the trace tier sees it in this VM.
struct TraceAnchor {
  std::vector<std::shared_ptr<const jit::trace::CompiledTrace>> variants;  // one per entry signature
  uint32_t aborts = 0;       // recordings that failed here
  bool blacklisted = false;  // no more recordings or entries: the block tier may take the loop
  uint64_t entries = 0, side_exits = 0, native_ops = 0;
  /// Per variant: exits taken through each of its snapshots, towards recording a side trace
  /// there (UINT16_MAX: a side trace from there failed; none is tried again).
  std::unordered_map<const jit::trace::CompiledTrace*, std::vector<uint16_t>> exit_hits;
};

/// One JIT entry point (the run start, a sub, a loop header) as this VM sees it.
struct JitEntry {
  std::vector<std::shared_ptr<const jit::NativeCode>> variants;  // one per entry signature
  uint32_t samples = 0;     // loop headers: sampled back edges so far
  uint64_t entries = 0;     // times native code was entered here
  uint64_t native_ops = 0;  // ops those entries ran natively
  bool closed = false;      // no further compiles (declined, variants used up, not worth it)
};

class VM::Impl {
 public:
  Impl(VM* owner, Chunk chunk, VMLimits limits);

  VMResult run();
  void reset(Chunk chunk);

  // ── The handler-facing API (VM forwards here) ──
  void push(Value v);
  Value pop();
  const Value& peek() const noexcept;
  size_t frame_stack_size() const noexcept { return sp_ - frames_.back().stack_base; }
  Value get_slot(uint16_t slot) const;
  void set_slot(uint16_t slot, Value v);
  Value get_global(size_t index) const;
  void set_global(size_t index, Value v);
  void fail(std::string message);

  VM* owner_;

  // ── The chunk, prepared ──
  Chunk chunk_;
  std::optional<std::string> verify_error_;  // the chunk did not verify: run() refuses it
  std::vector<CodeUnit> units_;
  std::vector<Value> consts_;                          // private deep copies, padded
  std::vector<int64_t> sub_entry_;                     // name index -> entry ip, -1 if none
  std::unordered_map<std::string, int64_t> sub_by_name_;  // for Exec
  uint32_t slot_count_ = 0;
  size_t global_count_ = 0;    // every Name operand is below it
  bool stack_proven_ = false;
  std::vector<Value> awk_args_;  // op_awk's argument buffer  // the verifier proved no op underflows: skip the checks
  bool quicken_ = true;        // write quick ops (VM::set_quickening)
  bool units_quickened_ = false;  // whether units_ were built with quick ops

  // ── Execution state ──
  std::vector<Value> stack_;
  size_t sp_ = 0;
  FlatStack<Frame> frames_;  // FlatStack: native code pushes and pops call frames inline
  FlatStack<Value> slots_;
  std::vector<Value> globals_;
  std::vector<BlockRun> block_runs_;
  uint32_t unit_ = 0;  // current code unit
  uint64_t ip_ = 0;    // current op index in it
  int32_t last_status_ = 0;
  bool halted_ = false;
  bool finished_ = false;  // the run reached the end; run() only pops from now on
  bool failed_ = false;    // an error ended a run; run() refuses until reset()
  std::string failure_;
  ErrorCode failure_code_ = ErrorCode::Ok;
  std::optional<uint8_t> awk_signal_;
  uint64_t awk_seed_ = 1;
  // An error raised outside the loop (by a handler or the VM API), picked up by the loop.
  std::optional<std::pair<ErrorCode, std::string>> pending_error_;
  bool in_run_ = false;

  // ── Hooks ──
  std::vector<std::unique_ptr<BuiltinHandler>> builtins_;
  std::vector<std::unique_ptr<BuiltinHandler>> graveyard_;  // replaced while running
  ExtensionHandler ext_;
  ExtensionWideHandler ext_wide_;
  std::unique_ptr<ShellHost> shell_;
  std::unique_ptr<AwkHost> awk_;
  DefaultHost default_shell_;
  TraceHook trace_;
  OutputSink output_;
  InputSource input_;
  std::string out_buf_;

  // ── Limits and counters ──
  VMLimits limits_;
  HeapBudget budget_;
  uint64_t inject_failure_at_ = 0;  // VM::inject_allocation_failure: nth allocation of each run
  std::atomic<bool> interrupt_{false};
  VMStats stats_;
  uint64_t executed_ = 0;  // instructions of this run so far

  // ── JIT (src/jit/runtime/vm_glue.cpp) ──
  bool jit_enabled_ = true;  // VM::set_jit
  bool jit_active_ = false;  // this run may use native code (enabled, configured, not traced)
  jit::TraceJitConfig jit_config_;  // the configuration, as of the start of this run
  bool straight_line_ = false;      // the chunk has no control flow (the linear tier's case)
  uint64_t chunk_hash_ = 0;         // content hash of chunk_ (computed on first JIT use)
  std::vector<int32_t> jit_countdown_;  // per name: interpreted calls before the JIT looks
  std::vector<JitEntry> jit_subs_;      // per name
  std::unordered_map<uint64_t, JitEntry> jit_loops_;  // per loop header
  JitEntry jit_run_;
  jit::JitContext jctx_;
  uint64_t check_interval_ = uint64_t{1} << 14;  // ops between limit checks (and JIT samples)
  bool jit_soon_ = false;  // native code just handed over: check (and sample) at the next jump
  uint64_t jit_entries_run_ = 0, jit_exits_run_ = 0, jit_ops_run_ = 0;

  // ── The trace tier (src/jit/runtime/trace_glue.cpp) ──
  bool trace_active_ = false;      // this run may record and enter traces
  bool jit_timing_ = false;        // VM::set_jit_timing: measure time spent in native code
  std::vector<uint16_t> hot_;      // per op: taken back edges to it before the trace tier looks
  std::unordered_map<uint64_t, TraceAnchor> trace_anchors_;
  std::unique_ptr<jit::trace::Recorder> recorder_;  // a recording in progress
  // When the recording is a side trace: the trace it grows from, and the exit it starts at.
  std::shared_ptr<const jit::trace::CompiledTrace> side_parent_;
  uint32_t side_snap_ = 0;
  bool switch_loop_ = false;       // leave the dispatch loop to switch to / from recording
  std::vector<uint64_t> trace_values_;  // exits write their snapshot's values here
  uint64_t chaos_state_ = 0x2545F4914F6CDD1Dull;
  bool dump_traces_ = false;       // VM::set_trace_dump: keep the IR and code of compiled traces
  // Each trace compiled while dump_traces_ was on, with its graph (drawn as it was compiled:
  // the chunk may change before trace_dot() is asked for).
  struct DumpedTrace {
    std::shared_ptr<const jit::trace::CompiledTrace> trace;
    std::string dot;
  };
  std::vector<DumpedTrace> dumped_traces_;
  void keep_trace_dump(const std::shared_ptr<const jit::trace::CompiledTrace>& trace);
  uint64_t trace_entries_run_ = 0, trace_exits_run_ = 0, trace_ops_run_ = 0, trace_ns_run_ = 0, block_ns_run_ = 0;

  /// A taken back edge to `header` (its hot count ran out; the state is saved): runs a trace
  /// (1: the state moved on), starts a recording (switch_loop_ set) or does nothing (0); -1
  /// when an error was raised.
  int trace_hot(uint64_t header, bool back_edge);
  /// The tracing loop is about to run op `ip`: false when the recording ended (closed or
  /// abandoned), and the loop must save its state and call trace_recorded().
  bool trace_record_step(uint64_t ip, const Value* sp);
  /// A recording ended: compiles it (and runs the trace right away when it closed at the
  /// header). -1 when an error was raised.
  int trace_recorded();
  /// Runs a trace (again while it leaves at its loop header). Like trace_hot's result.
  int trace_enter(TraceAnchor& anchor, std::shared_ptr<const jit::trace::CompiledTrace> code);
  /// One run of a trace and its exit; `again` when it left at the loop header, ready to go on.
  int trace_run(TraceAnchor& anchor, const std::shared_ptr<const jit::trace::CompiledTrace>& code, bool& again);
  /// A side exit was taken: counts it, and starts recording a side trace when it is hot.
  void trace_side_exit(TraceAnchor& anchor, const std::shared_ptr<const jit::trace::CompiledTrace>& code,
                       uint32_t snap);
  /// A side trace's recording ended: the tree with it replaces its parent, or the exit is
  /// marked as not growing one.
  int trace_side_recorded(std::unique_ptr<jit::trace::Recorder> rec);
  void trace_reset_tables();
  ~Impl();

  void jit_prepare();              // a new chunk: the JIT's per-VM tables
  void jit_begin_run();            // run(): configuration, sampling interval
  bool jit_run_start();            // may run native code from op 0; false: an error was raised
  bool jit_call(uint16_t name);    // a call's frame was just pushed; may run the callee natively
  int jit_loop(uint64_t header);   // a sampled backward jump to `header`: 1 ran native code,
                                   // 0 did not, -1 an error was raised
  void jit_end_run();
  const jit::NativeCode* jit_match(const JitEntry& e, size_t base, size_t depth, size_t slot_base) const;
  void jit_compile(JitEntry& e, jit::Tier tier, jit::EntryKind kind, uint64_t ip, size_t base, size_t depth,
                   size_t slot_base);
  bool jit_enter(JitEntry& e, const jit::NativeCode& code, size_t base, size_t slot_base);

  // ── Pieces of a run (defined across src/interp/*.cpp) ──
  void prepare();                  // code.cpp: code units, pools, tables (any chunk, even invalid)
  void build_units();              // code.cpp: the code units (quickened when quicken_ is set)
  VMResult execute();              // loop.cpp: the dispatch loop (traced or not)
  template <bool kTrace, bool kChecked>
  VMResult execute_loop();
  void trace_step(const Instr* ip, const Instr* code, size_t depth, const Value* top);
  void clear_state();              // vm.cpp
  void grow_stack(size_t needed);  // vm.cpp: throws StackLimit via pending error when over
  void flush_output();
  void write_output(std::string_view text);
  std::optional<std::string> read_line();
  ShellHost& shell() { return shell_ ? *shell_ : default_shell_; }

  /// "demo.fvm:12 (ip 37, Pop)" for the op at `ip` of `unit`.
  std::string location(uint32_t unit, uint64_t ip) const;
  /// Records an error at the current op and marks the run failed.
  void raise(ErrorCode code, std::string message);

  // Slow paths and op families (each returns false after raising an error).
  bool op_container(const Instr& ins);        // ops_containers.cpp
  bool op_string(const Instr& ins);           // ops_strings.cpp
  bool op_shell(const Instr& ins);            // ops_shell.cpp
  bool op_exec(const Instr& ins);             // ops_shell.cpp: Exec, CallFunction (set ip_)
  bool op_awk(Op op, uint64_t payload);       // ops_awk.cpp
  bool op_higher_order(const Instr& ins);     // blocks.cpp: starts a block op
  bool can_sort_natively(size_t n) const;                // blocks.cpp: a whole SortBlock at once
  bool sort_natively(BlockRun& run, NativeOrder order);
  bool block_step();                          // blocks.cpp: a block reached its end
  bool call_builtin(uint16_t id, uint8_t argc);       // hooks.cpp
  bool call_extension(uint16_t id, uint8_t arg);
  bool call_extension_wide(uint16_t id, uint64_t payload);
  bool enter_sub(uint64_t entry, size_t argc);  // calls.cpp: pushes a Call frame
  bool check_limits();                          // calls.cpp: fuel and interrupt

  // Small helpers for the slow paths, which work on the member state (sp_ etc.).
  Value& top(size_t from_top = 0) { return stack_[sp_ - 1 - from_top]; }
  /// True if the current frame holds n values; otherwise raises the stack underflow error.
  bool need(size_t n, const Instr& ins) {
    return sp_ - frames_.back().stack_base >= n || underflow(n, ins);
  }
  bool underflow(size_t n, const Instr& ins);  // vm.cpp: raises; returns false
  bool push_checked(Value v);
};

}  // namespace fusevm
