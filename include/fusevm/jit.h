// The JIT: native code for hot chunks, subs and loops, chosen by VM::run() — callers never pick.
//
//   Tier 1, linear: a chunk with no control flow is compiled on its first run.
//   Tier 2, block: a chunk's (or a sub's) control-flow graph is compiled once it has run
//           block_threshold times; a loop that stays hot inside one run is compiled with its
//           header as the entry (on-stack replacement) after loop_threshold samples.
//   Tier 3, trace: a loop whose back edge ran trace_threshold times is recorded for one
//           iteration (through the subs it calls), turned into typed SSA with a snapshot of the
//           interpreter state at every guard, optimised (folding, CSE, guard elimination, loop
//           peeling for invariant code, values unboxed in registers, slot stores sunk into the
//           exits) and compiled; a guard that fails rebuilds the exact interpreter state,
//           inlined frames and stack included, and the interpreter carries on.
//
// Native code is specialised on the kinds of the values it starts with (a sub called with two
// Ints and the same sub called with an Int and a Float get separate code) and agrees with the
// interpreter bit for bit: same results, same output, same errors, same op counts. Whatever it
// does not compile — an op outside the scalar subset, a value of another kind than it was
// specialised on, a zero divisor, a limit about to trip — makes it stop before that op and hand
// the interpreter exactly the state it would have had there.
//
// Compiled code is shared process-wide (keyed by the chunk's content hash, the entry and its
// kinds) and, unless disabled, persisted in a code cache directory (FUSEVM_JIT_CACHE_DIR,
// default $XDG_CACHE_HOME/fusevm-jit; "off" disables it). docs/jit.md has the details.
//
// Thread safety: every JitCompiler method may be called from any thread. NativeCode objects are
// immutable and may be run by many VMs on many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fusevm/chunk.h"
#include "fusevm/status.h"

namespace fusevm::jit {

/// The execution tiers.
enum class Tier : uint8_t { Interp, Linear, Block, Trace };
std::string_view tier_name(Tier tier) noexcept;

/// The kind of a value, as native code is specialised on it. Every Value variant other than
/// Undef, Bool, Int and Float is Other (native code leaves those to the interpreter).
enum class SlotKind : uint8_t { Undef, Bool, Int, Float, Other };
std::string_view slot_kind_name(SlotKind kind) noexcept;
SlotKind slot_kind_of(const Value& v) noexcept;

/// How control enters compiled code.
enum class EntryKind : uint8_t {
  Run,   ///< the chunk's first op, at the start of a run
  Call,  ///< a sub's entry, with its arguments on a fresh frame
  Loop,  ///< a loop header (on-stack replacement)
};

/// The trace tier's optimisations, each switchable (tests run every combination against the
/// interpreter). FUSEVM_JIT_TRACE_PASSES=nofold,nocse,noguards,nopeel,nounbox,nosink,noclosed.
struct TraceOptimizations {
  bool fold = true;        ///< constant folding and algebraic simplification
  bool cse = true;         ///< common-subexpression elimination
  bool guard_elim = true;  ///< guards already implied are dropped
  bool peel = true;        ///< loop peeling: invariant code and guards run once, before the loop
  bool unbox = true;       ///< loop-carried values stay in registers (off: through VM memory)
  bool sink = true;        ///< slot stores sunk into the exits (off: stored at every assignment)
  /// Loops that only count and sum integers skip their iterations in one step on entry (the
  /// C compilers' final value replacement; exits, op counts and fuel stay exact).
  bool closed_form = true;
  bool operator==(const TraceOptimizations&) const = default;
};

/// Thresholds and switches (the original's TraceJitConfig, which also holds the block tier's
/// threshold). Defaults come from from_env(): these values, overridden by the environment
/// variables named on each field.
struct TraceJitConfig {
  bool enabled = true;         ///< FUSEVM_JIT=off disables every tier
  bool linear_enabled = true;  ///< FUSEVM_JIT_LINEAR=off
  bool block_enabled = true;   ///< FUSEVM_JIT_BLOCK=off
  /// Runs of a chunk (counted process-wide) or calls of a sub (counted per VM) before the block
  /// tier compiles it. FUSEVM_JIT_BLOCK_THRESHOLD.
  uint32_t block_threshold = 10;
  /// Samples of a loop's back edge before it is compiled from its header; the VM samples the
  /// jump it is taking once every loop_sample_interval ops. FUSEVM_JIT_LOOP_THRESHOLD.
  uint32_t loop_threshold = 4;
  uint32_t loop_sample_interval = 1024;
  /// Ops one compiled region may hold (paths beyond leave to the interpreter).
  uint32_t max_region_ops = 4096;
  /// Subs one unit may compile alongside its entry (for native calls).
  uint32_t max_functions = 16;
  /// Specialisations kept per entry; further kinds run in the interpreter.
  uint32_t max_variants = 4;
  /// Nested native calls before a call leaves to the interpreter (bounds the C stack used).
  uint32_t max_native_depth = 200;
  /// Entries of a compiled loop that end in a guard failure before it stops being entered.
  uint32_t max_guard_exits = 64;
  // ── The trace tier ──
  bool trace_enabled = true;      ///< FUSEVM_JIT_TRACE=off
  /// Taken back edges to a loop header before its next iteration is recorded.
  /// FUSEVM_JIT_TRACE_THRESHOLD.
  uint32_t trace_threshold = 50;
  /// Side exits of a trace (guard failures other than the loop's own exit) after which a trace
  /// that runs fewer than 4 iterations per entry on average is dropped and its loop left to the
  /// block tier.
  uint32_t max_side_exits = 50;
  uint32_t max_inline_recursion = 4;  ///< inlined call depth (at most 4)
  /// Exits through one guard after which the interpreter's path from there back to the loop
  /// header is recorded and compiled into the trace (a side trace). 0: no side traces.
  /// FUSEVM_JIT_TRACE_SIDE_THRESHOLD.
  uint32_t side_exit_threshold = 10;
  /// Side traces chained one from another (at most 4).
  uint32_t max_trace_chain = 4;
  uint32_t max_trace_len = 256;       ///< recorded ops per trace
  /// Recordings of one loop header that may fail before it is blacklisted for this VM.
  uint32_t max_trace_aborts = 4;
  TraceOptimizations trace_opts;
  /// Testing: when nonzero (a power of two minus one), every guard also exits at random, with
  /// probability 1 / (mask + 1), resuming the interpreter on the recorded path — so each deopt
  /// path runs. Never in production.
  uint32_t trace_chaos_mask = 0;

  /// The defaults with the environment's overrides applied.
  static TraceJitConfig from_env();
  /// Every threshold 0 and sampling at every taken jump: compile everything as soon as it can
  /// be (differential tests use this).
  static TraceJitConfig eager();
};

/// Process-wide counters (since the last reset_stats()).
struct JitStats {
  uint64_t compiles_linear = 0;
  uint64_t compiles_block = 0;
  uint64_t compiles_trace = 0;
  uint64_t compile_failures = 0;  ///< entries the JIT declined (each reason is logged)
  uint64_t compile_ns = 0;        ///< time spent compiling (or loading from disk), all tiers
  uint64_t compile_ns_linear = 0;
  uint64_t compile_ns_block = 0;
  uint64_t compile_ns_trace = 0;
  uint64_t trace_recordings = 0;  ///< recordings started
  uint64_t trace_aborts = 0;      ///< recordings abandoned or refused (each reason is logged)
  uint64_t trace_blacklisted = 0; ///< loop headers given up on
  uint64_t trace_entries = 0;     ///< times a VM entered a trace
  uint64_t trace_exits = 0;       ///< guard exits (the loop's own exit included)
  uint64_t trace_side_exits = 0;  ///< guard exits other than the loop's own exit
  uint64_t trace_side_traces = 0; ///< side traces compiled into their parent's tree
  uint64_t native_bytes = 0;      ///< machine code produced
  uint64_t memory_hits = 0;       ///< code found already compiled in this process
  uint64_t disk_hits = 0;         ///< code loaded from the cache directory
  uint64_t disk_misses = 0;
  uint64_t disk_writes = 0;
  uint64_t disk_rejects = 0;      ///< cache files ignored (corrupt, foreign, tampered, unsafe)
  uint64_t native_entries = 0;    ///< times a VM entered native code
  uint64_t native_exits = 0;      ///< times native code handed a run back mid-way
};

/// Compiled code for one entry of one chunk, specialised on its entry kinds. Immutable.
class NativeCode {
 public:
  Tier tier() const noexcept { return tier_; }
  EntryKind entry_kind() const noexcept { return kind_; }
  uint64_t chunk_hash() const noexcept { return chunk_hash_; }
  uint64_t entry_ip() const noexcept { return entry_; }
  size_t op_count() const noexcept { return op_count_; }
  size_t code_size() const noexcept;
  uint64_t compile_ns() const noexcept { return compile_ns_; }
  bool from_disk_cache() const noexcept { return from_disk_; }
  /// Whether it checks the fuel limit (code that does not is run only without one).
  bool fuel_checks() const noexcept { return fuel_checks_; }
  /// The kinds it is specialised on: the frame's values, and (slot, kind) for the slots it
  /// uses (Run and Loop entries; a Call entry starts with every slot Undef).
  const std::vector<SlotKind>& stack_kinds() const noexcept { return stack_sig_; }
  const std::vector<std::pair<uint16_t, SlotKind>>& slot_kinds() const noexcept { return slot_sig_; }

  /// Internal state (src/jit).
  struct Impl;
  const Impl& impl() const noexcept { return *impl_; }
  NativeCode(Tier tier, EntryKind kind, uint64_t chunk_hash, uint64_t entry, std::unique_ptr<Impl> impl);
  ~NativeCode();

 private:
  friend class JitCompiler;
  Tier tier_;
  EntryKind kind_;
  uint64_t chunk_hash_;
  uint64_t entry_;
  size_t op_count_ = 0;
  uint64_t compile_ns_ = 0;
  bool from_disk_ = false;
  bool fuel_checks_ = true;
  std::vector<SlotKind> stack_sig_;
  std::vector<std::pair<uint16_t, SlotKind>> slot_sig_;
  std::unique_ptr<Impl> impl_;
};

/// A native implementation of one Extended or CallBuiltin op, supplied by a frontend.
struct NativeOp {
  /// An extern "C" function taking `params` (Int: int64_t, Float: double) in order, the
  /// bottom-most stack value first, and returning `result` (Int: int64_t, Float: double, Bool:
  /// bool). It must compute exactly what the VM's handler for the op computes for arguments
  /// converted with to_int / to_float: the interpreter keeps using the handler. It must not
  /// throw (there is no unwinding through native frames) nor call back into the VM.
  const void* function = nullptr;
  /// A stable name: cached code refers to the function by it (ExtensionRegistry resolves it).
  std::string symbol;
  std::vector<SlotKind> params;  ///< at most 6 Int and 8 Float
  SlotKind result = SlotKind::Int;
};

/// How a frontend lets the JIT call its own ext ops and builtins natively. Register it with
/// JitCompiler::register_extension() before running chunks that use them.
class JitExtension {
 public:
  virtual ~JitExtension() = default;
  /// The extension's identity (and part of the code cache's key, with version()).
  virtual std::string_view name() const = 0;
  /// Bump when the native functions change meaning, so cached code is not reused.
  virtual uint32_t version() const { return 1; }
  /// The native op for `Extended(id, arg)`, or nullopt to leave it to the interpreter. Its
  /// params are popped and its result pushed (the VM's handler must do the same).
  virtual std::optional<NativeOp> extended(uint16_t id, uint8_t arg) const;
  /// The native op for `CallBuiltin(id, argc)` (params.size() must be argc), or nullopt.
  virtual std::optional<NativeOp> builtin(uint16_t id, uint8_t argc) const;
};

/// A trace's recipe, which a fresh process can compile again without recording it (warm start):
/// the chunk it belongs to (content hash), the loop header, the ops of the recorded iteration
/// and the kind of every slot of the loop's frame at the header. VM::export_traces() gives them,
/// VM::import_trace() compiles one — after checking it against the chunk, so a tampered or
/// foreign recipe is refused, never run.
struct SideTraceMetadata {
  uint32_t exit = 0;                   ///< the exit it grows from, numbered in the tree before it
  std::vector<uint32_t> recorded_ips;  ///< from that exit's resume ip back to the loop header
  std::vector<SlotKind> slot_kinds;    ///< the loop frame's slots when it was recorded
  std::vector<SlotKind> observed_kinds;  ///< as TraceMetadata::observed_kinds
  bool operator==(const SideTraceMetadata&) const = default;
};
struct TraceMetadata {
  uint64_t chunk_hash = 0;
  uint64_t anchor_ip = 0;
  std::vector<uint32_t> recorded_ips;
  std::vector<SlotKind> slot_kinds;
  /// The kind of the element each recorded ArrayGet read, in order (the trace speculates on it).
  std::vector<SlotKind> observed_kinds;
  std::vector<SideTraceMetadata> side_traces;  ///< in the order they grew
  bool operator==(const TraceMetadata&) const = default;
};
/// {"chunk_hash": "<16 hex digits>", "anchor_ip": N, "recorded_ips": [...], "slot_kinds": ["Int", ...],
///  "observed_kinds": [...], "side_traces": [{"exit": N, "recorded_ips": [...], "slot_kinds": [...],
///  "observed_kinds": [...]}, ...]} ("observed_kinds" and "side_traces" may be absent: none)
std::string trace_metadata_to_json(const TraceMetadata& meta);
Result<TraceMetadata> trace_metadata_from_json(std::string_view json);

/// Where compilation starts, and the kinds it may assume there.
struct EntryState {
  EntryKind kind = EntryKind::Run;
  uint64_t ip = 0;                ///< 0 for Run; the sub's entry; the loop header
  std::vector<SlotKind> stack;    ///< the frame's values at entry (a Call: its arguments)
  std::vector<SlotKind> slots;    ///< by slot number (Run/Loop; missing slots are Undef)
  /// Check the fuel limit wherever the interpreter does (every taken jump and call). Code
  /// compiled without the checks is faster and is used only by VMs without a fuel limit.
  bool fuel_checks = true;
};

class JitCompiler {
 public:
  /// The process-wide compiler VMs use.
  static JitCompiler& global();

  TraceJitConfig config() const;
  void set_config(const TraceJitConfig& config);
  JitStats stats() const;
  void reset_stats();

  /// Lets the JIT compile the ext ops and builtins `extension` claims. The first extension to
  /// claim an op wins; registering the same name twice keeps the first.
  void register_extension(std::shared_ptr<const JitExtension> extension);

  /// The linear tier: a chunk without control flow, from its first op.
  Result<std::shared_ptr<const NativeCode>> compile_linear(const Chunk& chunk, const EntryState& entry = {});
  /// The block tier: the control-flow graph reachable from the entry.
  Result<std::shared_ptr<const NativeCode>> compile_block(const Chunk& chunk, const EntryState& entry = {});

  /// The code cache directory: an explicit directory ("" turns the disk cache off), or nullopt
  /// to use the environment's (FUSEVM_JIT_CACHE_DIR, then $XDG_CACHE_HOME/fusevm-jit, then
  /// $HOME/.cache/fusevm-jit).
  void set_cache_dir(std::optional<std::string> dir);
  /// The directory in use; "" when the disk cache is off.
  std::string cache_dir() const;
  /// Forgets compiled code held in memory (code still in use by a VM stays alive with it).
  void clear_memory_cache();

  /// Logging of compiles, declines, exits and cache events through spdlog: "off" (default),
  /// "info", "debug" or "trace". FUSEVM_JIT_LOG sets it at start-up.
  void set_log_level(std::string_view level);

  /// Internal state (src/jit).
  class Impl;
  Impl& impl() noexcept { return *impl_; }
  ~JitCompiler();

 private:
  JitCompiler();
  std::unique_ptr<Impl> impl_;
};

}  // namespace fusevm::jit
