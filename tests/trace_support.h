// Helpers the trace tier's tests share: the JIT configured for the trace tier alone, and runs
// compared with the interpreter under a spread of optimisation passes.
#pragma once

#include <gtest/gtest.h>

#include "fusevm/jit.h"
#include "run_outcome.h"

namespace fusevm::test {

// A loop whose branch alternates every iteration: even i increments both slots, odd i only the
// counter (slot 0 i, slot 1 evens; the result is 2500). Its exits are as hot as they get.
inline constexpr const char* kAlternatingLoop = R"(
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 0
        LoadInt 1
        BitAnd
        JumpIfTrue odd
        PreIncSlotVoid 1
odd:    PreIncSlotVoid 0
        GetSlot 0
        LoadInt 5000
        NumLt
        JumpIfTrue loop
        GetSlot 1
)";

class ScopedConfig {
 public:
  explicit ScopedConfig(const jit::TraceJitConfig& c) : saved_(jit::JitCompiler::global().config()) {
    jit::JitCompiler::global().set_config(c);
  }
  ~ScopedConfig() { jit::JitCompiler::global().set_config(saved_); }

 private:
  jit::TraceJitConfig saved_;
};

// The trace tier alone, tracing every loop at once.
inline jit::TraceJitConfig traced(jit::TraceOptimizations opts = {}) {
  jit::TraceJitConfig c = jit::TraceJitConfig::eager();
  c.linear_enabled = c.block_enabled = false;
  c.trace_opts = opts;
  return c;
}

inline RunOutcome traced_run(const Chunk& c, JitMode mode = JitMode::Traced, uint64_t fuel = 0) {
  RunOptions o;
  o.jit = mode;
  o.slots_to_read = 8;
  o.limits.fuel = fuel;
  return run_outcome(c, o);
}

inline void expect_same_as_interpreter(const Chunk& c, uint64_t fuel = 0) {
  RunOptions o;
  o.slots_to_read = 8;
  o.limits.fuel = fuel;
  EXPECT_EQ(jit_differences(c, {JitMode::Traced, JitMode::TraceChaos}, o), "");
  for (int mask = 0; mask < 64; mask += 7) {  // a spread of pass combinations
    o.trace_opts.fold = mask & 1;
    o.trace_opts.cse = mask & 2;
    o.trace_opts.guard_elim = mask & 4;
    o.trace_opts.peel = mask & 8;
    o.trace_opts.unbox = mask & 16;
    o.trace_opts.sink = mask & 32;
    EXPECT_EQ(jit_differences(c, {JitMode::Traced, JitMode::TraceChaos}, o), "") << "passes " << mask;
  }
}

}  // namespace fusevm::test
