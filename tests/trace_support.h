// Helpers the trace tier's tests share: the JIT configured for the trace tier alone, and runs
// compared with the interpreter under a spread of optimisation passes.
#pragma once

#include <gtest/gtest.h>

#include "fusevm/jit.h"
#include "fusevm/vm.h"
#include "jit/trace/build.h"
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

// The ops of one iteration of the loop at `anchor`, as the interpreter runs them: the second
// time the run reaches the anchor in the frame it started in, up to the next time.
inline jit::trace::Recording record(const Chunk& chunk, uint64_t anchor, std::vector<jit::SlotKind> kinds) {
  jit::trace::Recording rec;
  rec.anchor = anchor;
  rec.slot_kinds = std::move(kinds);
  VM vm(chunk);
  vm.set_jit(false);
  int seen = 0;
  size_t depth = 0;
  vm.set_trace([&](const TraceEvent& e) {
    if (e.ip == anchor && (seen == 0 || e.frame_depth == depth)) {
      ++seen;
      depth = e.frame_depth;
    }
    if (seen == 2) rec.ips.push_back(static_cast<uint32_t>(e.ip));
  });
  (void)vm.run();
  return rec;
}

inline Result<jit::trace::TraceIr> build(const Chunk& chunk, const jit::trace::Recording& rec, uint32_t slots,
                                  jit::TraceOptimizations opts = {}) {
  std::vector<int64_t> subs(chunk.names.size(), -1);
  for (const SubEntry& s : chunk.sub_entries)
    if (s.name < subs.size() && subs[s.name] < 0) subs[s.name] = static_cast<int64_t>(s.ip);
  jit::trace::TraceSource src;
  src.chunk = &chunk;
  src.sub_entry = &subs;
  src.slot_count = slots;
  src.recording = rec;
  return jit::trace::build_trace(src, opts);
}

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
