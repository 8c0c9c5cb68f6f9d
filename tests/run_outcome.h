// Everything observable about one run of a chunk, for differential tests that run the same
// program two ways (quickened and plain, fused and unfused) and require the same outcome.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fusevm/chunk.h"
#include "fusevm/jit.h"
#include "fusevm/vm.h"

namespace fusevm::test {

/// How a run may use the JIT.
enum class JitMode : uint8_t {
  Off,      ///< the interpreter only (the reference)
  Default,  ///< the JIT as configured by default (thresholds, sampling)
  Eager,    ///< every threshold 0: everything that can be compiled is, at once
  Sampled,  ///< loops compiled after a few sampled back edges, so native code starts mid-run
  /// The trace tier alone (the linear and block tiers off), tracing every loop at once, with
  /// the optimisations `trace_opts` says.
  Traced,
  /// Traced, and every guard also exits at random (1 in 4), so that every deopt path runs.
  TraceChaos,
};

struct RunOptions {
  bool quicken = true;
  JitMode jit = JitMode::Off;
  size_t runs = 1;  ///< run this many times, reset() between runs; the outcome is the last
  VMLimits limits{};
  uint16_t slots_to_read = 0;  ///< slots 0..n-1 are read back after the run
  std::vector<Value> initial_slots;  ///< set before each run
  jit::TraceOptimizations trace_opts{};  ///< Traced and TraceChaos
};

struct RunOutcome {
  VMResult::Kind kind = VMResult::Kind::Halted;
  ErrorCode code = ErrorCode::Ok;
  std::string error;
  Value value;
  std::string stdout_text;
  uint64_t ops = 0;
  uint64_t jit_entries = 0;  ///< not compared: whether (and how much) native code ran
  uint64_t jit_ops = 0;
  std::vector<Value> slots;
};

/// Runs `chunk` once in a fresh VM with the given options (output captured, no input).
RunOutcome run_outcome(const Chunk& chunk, const RunOptions& options);

/// A readable account of the differences between two outcomes ("" when there are none).
/// `compare_ops` and `compare_errors` say whether op counts and error texts must match (fusion
/// changes both: a fused op counts once and has its own index).
std::string outcome_difference(const RunOutcome& a, const RunOutcome& b, bool compare_ops = true,
                               bool compare_errors = true);

/// "off", "eager", "traced", ...
const char* mode_name(JitMode m);

/// How much native code a set of differential runs exercised.
struct Coverage {
  uint64_t entries = 0, native_ops = 0, ops = 0;
  uint64_t side_traces = 0;  ///< side traces compiled (process-wide count, JIT builds only)
};

/// Runs `chunk` with `base` (the JIT off: the reference) and again in each of `modes`; the
/// first difference, prefixed with the mode ("" when every mode agrees).
std::string jit_differences(const Chunk& chunk, std::initializer_list<JitMode> modes, RunOptions base,
                            Coverage* cov = nullptr);

/// The chunk as assembly text, for failure messages.
std::string listing(const Chunk& chunk);

/// Assembles `text` as the file `name` (fails the current test, and returns an empty chunk, if
/// it does not assemble).
Chunk assemble_text(std::string_view text, std::string_view name = "test.fvm");

/// Assembles and runs `text` with default options, reading back `slots` slots.
RunOutcome run_text(std::string_view text, RunOptions options = {});

}  // namespace fusevm::test
