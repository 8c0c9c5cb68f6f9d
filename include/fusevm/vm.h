// VM: runs a chunk. The interpreter here is the single source of truth for what every op means;
// the JIT tiers must agree with it bit for bit.
//
//   VM vm(std::move(chunk));
//   vm.register_builtin(7, [](VM& vm, uint8_t argc) { ... return Value::integer(1); });
//   VMResult r = vm.run();
//   if (r.is_ok()) use(r.value());
//   else if (r.is_error()) std::cerr << r.error() << "\n";  // "demo.fvm:12 (ip 37, Pop): ..."
//
// A run ends Ok(top of stack), Halted (the stack was empty) or Error(message). Every error names
// the source, line, op index and op. Bad programs never crash the VM: the chunk is verified before
// it runs, stack underflow is an error (DEVIATIONS.md A), limits (instruction budget, stack size,
// call depth, memory) stop a run cleanly, and an exception thrown by a handler becomes an error.
// After an error the VM refuses to run again until reset().
//
// Threading: a VM belongs to one thread at a time (see value.h). interrupt() is the one method
// another thread may call, to stop a running VM at its next taken jump or call.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fusevm/chunk.h"
#include "fusevm/jit.h"
#include "fusevm/status.h"
#include "fusevm/value.h"

namespace fusevm {

class ShellHost;
class AwkHost;
class VM;

/// How a run ended: Ok(value), Halted (ended with an empty stack) or Error(message).
class VMResult {
 public:
  enum class Kind : uint8_t { Ok, Halted, Error };

  static VMResult ok(Value v) { return VMResult(Kind::Ok, std::move(v), ErrorCode::Ok, {}); }
  static VMResult halted() { return VMResult(Kind::Halted, Value(), ErrorCode::Ok, {}); }
  static VMResult error(ErrorCode code, std::string message) {
    return VMResult(Kind::Error, Value(), code, std::move(message));
  }

  Kind kind() const noexcept { return kind_; }
  bool is_ok() const noexcept { return kind_ == Kind::Ok; }
  bool is_halted() const noexcept { return kind_ == Kind::Halted; }
  bool is_error() const noexcept { return kind_ == Kind::Error; }
  /// The result value (Undef unless is_ok()).
  const Value& value() const noexcept { return value_; }
  /// The error message (empty unless is_error()).
  const std::string& error() const noexcept { return message_; }
  /// What kind of error: RuntimeError, StackUnderflow, FuelExhausted, MemoryLimit, ...
  ErrorCode error_code() const noexcept { return code_; }

 private:
  VMResult(Kind k, Value v, ErrorCode c, std::string m)
      : kind_(k), value_(std::move(v)), code_(c), message_(std::move(m)) {}
  Kind kind_;
  Value value_;
  ErrorCode code_;
  std::string message_;
};

/// Limits an embedder sets on what one run may do. Each stops the run with its own error.
struct VMLimits {
  /// Instructions one run() may execute (a fused whole loop counts itself and one per
  /// iteration); 0 = no limit. Checked at taken jumps and calls.
  uint64_t fuel = 0;
  /// Values on the value stack, all frames together.
  size_t max_stack = size_t{1} << 20;
  /// Nested frames: calls, PushFrame scopes and running blocks.
  uint32_t max_call_depth = 10000;
  /// Bytes of strings, arrays, hashes and refs allocated by the run and still alive; 0 = none.
  size_t memory_limit = 0;
};

/// Counters of the last run.
struct VMStats {
  uint64_t ops_executed = 0;  ///< instructions (fused whole loops also count their iterations)
  size_t peak_memory = 0;     ///< highest bytes of live values (when a memory limit is set)
  uint64_t jit_entries = 0;   ///< times the run entered native code
  uint64_t jit_exits = 0;     ///< times native code handed the run back to the interpreter
  uint64_t jit_ops = 0;       ///< of ops_executed, how many ran as native code (every tier)
  uint64_t trace_entries = 0; ///< of jit_entries, those into traces
  uint64_t trace_exits = 0;   ///< guard exits of traces (the loops' own exits included)
  uint64_t trace_ops = 0;     ///< of jit_ops, those run by traces
  uint64_t trace_ns = 0;      ///< time spent in traces (measured when VM::set_jit_timing is on)
  uint64_t block_ns = 0;      ///< time spent in linear and block code (likewise)
};

/// `CallBuiltin(id, argc)`: the handler pops its own `argc` arguments (last one on top) and
/// returns the value the VM pushes.
using BuiltinHandler = std::function<Value(VM& vm, uint8_t argc)>;
/// `Extended(id, arg)`: the handler does all stack work itself.
using ExtensionHandler = std::function<void(VM& vm, uint16_t id, uint8_t arg)>;
/// `ExtendedWide(id, payload)` for ids outside the awk range 40000..40999.
using ExtensionWideHandler = std::function<void(VM& vm, uint16_t id, uint64_t payload)>;
/// One instruction about to execute, for tracing (VM::set_trace).
struct TraceEvent {
  size_t ip = 0;             ///< op index in the chunk
  Op op = Op::Nop;
  uint32_t line = 0;         ///< source line (0 if unknown)
  size_t stack_depth = 0;    ///< values on the whole stack
  size_t frame_depth = 0;    ///< frames (1 at top level)
  const Value* top = nullptr;  ///< the top value of the current frame, if any
};
using TraceHook = std::function<void(const TraceEvent& event)>;

/// Where Print/PrintLn output goes (default: the process's stdout).
using OutputSink = std::function<void(std::string_view text)>;
/// Where ReadLine input comes from: the next line without its newline, or nullopt at the end.
using InputSource = std::function<std::optional<std::string>()>;

class VM {
 public:
  explicit VM(Chunk chunk, VMLimits limits = {});
  ~VM();
  VM(VM&&) noexcept;
  VM& operator=(VM&&) noexcept;
  VM(const VM&) = delete;
  VM& operator=(const VM&) = delete;

  /// Verifies the chunk (once) and runs it from where it stands. A run that ended normally
  /// leaves the VM at the end: running again pops the next stack value. After an error, or a
  /// halt, run() does nothing until reset().
  VMResult run();

  /// Installs a new chunk and clears the stack, frames, globals, status and halt flag. Keeps
  /// handlers, hosts, limits, output and input.
  void reset(Chunk chunk);
  /// Resets with the same chunk.
  void reset();

  // ── Hooks (kept across reset) ──
  void register_builtin(uint16_t id, BuiltinHandler handler);
  /// Registers a handler for the builtin id of a shell builtin name (builtins.h: "cd", "[",
  /// "readarray", ...). False, and nothing registered, if the name is not a builtin name.
  bool register_builtin(std::string_view name, BuiltinHandler handler);
  void set_extension_handler(ExtensionHandler handler);
  void set_extension_wide_handler(ExtensionWideHandler handler);
  /// The shell host for shell ops; nullptr restores the built-in safe behaviour (DefaultHost,
  /// with the original's no-host rules for PipelineEnd and CallFunction).
  void set_shell_host(std::unique_ptr<ShellHost> host);
  /// The awk host for awk ops that need awk state; nullptr means none (those ops then fail with
  /// `no awk host set`; host-independent awk ops still work).
  void set_awk_host(std::unique_ptr<AwkHost> host);
  ShellHost* shell_host() noexcept;
  AwkHost* awk_host() noexcept;
  void set_output(OutputSink sink);
  void set_input(InputSource source);

  // ── Limits ──
  void set_limits(const VMLimits& limits);
  const VMLimits& limits() const noexcept;
  /// Asks the running VM to stop (error `interrupted`) at its next taken jump or call.
  /// Safe to call from any thread. The flag clears when run() starts.
  void interrupt() noexcept;
  const VMStats& stats() const noexcept;
  /// Calls `hook` before every instruction (nullptr: off). Tracing runs a second copy of the
  /// dispatch loop, so a VM without a trace hook pays nothing for it.
  void set_trace(TraceHook hook);
  /// Quickening (on by default): the VM rewrites common op sequences of its private copy of the
  /// code into internal superinstructions. Results, errors, op counts, fuel and traces are the
  /// same either way; switching it off is for differential tests and measurements. It takes
  /// effect when the next run() starts.
  void set_quickening(bool on);
  /// The JIT (on by default; jit::TraceJitConfig and FUSEVM_JIT=off switch it off for every
  /// VM). Off, this VM only interprets. Either way results, errors and op counts are the same.
  void set_jit(bool on);
  bool jit_enabled() const noexcept;
  /// Measures the time runs spend in native code, per tier (VMStats::trace_ns, block_ns); off
  /// by default because it reads the clock at every entry.
  void set_jit_timing(bool on);
  /// Keeps, for every trace this VM compiles from now on, its IR before and after optimisation
  /// and its machine code; trace_dump() returns them as text (fusevm run --dump-trace).
  void set_trace_dump(bool on);
  std::string trace_dump() const;
  /// The traces kept by set_trace_dump as one Graphviz digraph (fusevm run --trace-dot): a
  /// cluster per trace with its instructions in straight-line runs split at guards, each exit
  /// and where it resumes, side paths and the loop's back edge. Render it with `dot -Tsvg`.
  std::string trace_dot() const;
  /// One line of `fusevm run --jit-stats` per loop header the trace tier has looked at.
  struct TraceSummary {
    uint64_t anchor = 0;            ///< the loop header's op index
    size_t variants = 0;            ///< compiled traces (one per entry signature)
    bool blacklisted = false;
    uint32_t aborts = 0;            ///< failed recordings
    uint64_t entries = 0;           ///< times entered
    uint64_t side_exits = 0;        ///< exits other than the loop's own
    uint64_t native_ops = 0;        ///< ops the traces ran
    uint32_t ops_per_iteration = 0; ///< of the first variant
    uint32_t ir_instructions = 0;   ///< of the first variant, after optimisation
    uint32_t snapshots = 0;
    uint32_t side_traces = 0;       ///< of the first variant: side paths grown into its tree
  };
  std::vector<TraceSummary> trace_summaries() const;
  /// The recipes of the traces this VM runs (jit::TraceMetadata), to save and import elsewhere.
  std::vector<jit::TraceMetadata> export_traces() const;
  /// Compiles a saved trace for this VM's chunk and installs it, so the loop runs natively from
  /// its first hot back edge. Refused (NotCompiled or InvalidArgument) when the recipe is for
  /// another chunk, does not follow the chunk's ops, or cannot be compiled.
  Status import_trace(const jit::TraceMetadata& meta);
  /// Fault injection for tests: every following run fails its nth allocation of a string, array,
  /// hash or ref (counted from the start of that run; 0 turns it off), as if memory ran out. The
  /// run ends with an OutOfMemory-kind error and the VM is usable again after reset().
  void inject_allocation_failure(uint64_t nth);

  // ── For handlers (and embedders between runs) ──
  /// Pushes a value (a stack overflow makes the current run fail).
  void push(Value v);
  /// Pops the top value of the current frame; below the frame's base it returns Undef and the
  /// current run fails with `stack underflow`.
  Value pop();
  /// The top value of the current frame (Undef if there is none).
  const Value& peek() const noexcept;
  /// Values on the current frame's part of the stack.
  size_t frame_stack_size() const noexcept;
  Value get_slot(uint16_t slot) const;
  void set_slot(uint16_t slot, Value v);
  Value get_global(size_t index) const;
  void set_global(size_t index, Value v);
  int32_t last_status() const noexcept;
  void set_last_status(int32_t status) noexcept;
  /// Stops the run after the current op; it ends as if it had run off the end.
  void request_halt() noexcept;
  /// Makes the current run fail with `message` (with its location) once the handler returns.
  void fail(std::string message);
  /// The awk signal (next / nextfile / exit) recorded by the last run, if any.
  std::optional<uint8_t> awk_signal() const noexcept;
  /// The index of the op being executed (inside a handler), or of the next op.
  size_t ip() const noexcept;
  const Chunk& chunk() const noexcept;

  /// Internal state (defined in src/interp).
  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace fusevm
