// The trace tier, piece by piece: the recorder's rules, each optimisation on the IR, each kind
// of guard, deoptimisation into inlined frames with values on the stack, blacklisting, limits,
// and sharing compiled traces between VMs. (trace_diff_test.cpp compares whole runs with the
// interpreter.)
#include <gtest/gtest.h>

#include <algorithm>

#include "fusevm/jit.h"
#include "fusevm/vm.h"
#include "jit/trace/build.h"
#include "jit/trace/recorder.h"
#include "run_outcome.h"
#include "trace_support.h"

namespace fusevm::test {
namespace {

using jit::JitCompiler;
using jit::TraceJitConfig;
using jit::trace::IrOp;

size_t count(const jit::trace::TraceIr& ir, IrOp op, bool in_loop_only = false) {
  size_t n = 0;
  for (size_t r = 0; r < ir.ins.size(); ++r)
    if (ir.ins[r].op == op && (!in_loop_only || (ir.loop != jit::trace::kNoRef && r > ir.loop))) ++n;
  return n;
}

// sum = sum + i * k (k invariant), i counts to 1000. Slots: 0 sum, 1 i, 2 k.
const char* kInvariantLoop = R"(
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
        LoadInt 7
        SetSlot 2
loop:   GetSlot 0
        GetSlot 2
        GetSlot 2
        Mul
        GetSlot 1
        Mul
        Add
        SetSlot 0
        LoadInt 2
        LoadInt 3
        Mul
        Pop
        GetSlot 1
        LoadInt 1
        Add
        SetSlot 1
        GetSlot 1
        LoadInt 1000
        NumLt
        JumpIfTrue loop
        GetSlot 0
)";

// ── The recorder ──

TEST(TraceRecorder, ClosesAtTheHeaderReachedByItsBackEdge) {
  const Chunk c = assemble_text(kInvariantLoop);
  jit::trace::Recorder r(c, 6, 1, {}, 256, 4);
  using V = jit::trace::Recorder::Verdict;
  for (uint64_t ip = 6; ip <= 25; ++ip) EXPECT_EQ(r.step(0, ip, 1), V::Continue) << ip;
  EXPECT_EQ(r.step(0, 6, 1), V::Closed);
  EXPECT_EQ(r.recording().ips.size(), 20u);
}

TEST(TraceRecorder, AbortsOnUntracedOpsBlockOpsLengthAndReturnsOutOfTheLoop) {
  const Chunk c = assemble_text("loop: LoadInt 1\nPrintLn 1\nJump loop\n");
  using V = jit::trace::Recorder::Verdict;
  {
    jit::trace::Recorder r(c, 0, 1, {}, 256, 4);
    EXPECT_EQ(r.step(0, 0, 1), V::Continue);
    EXPECT_EQ(r.step(0, 1, 1), V::Aborted);
    EXPECT_NE(r.abort_reason().find("PrintLn"), std::string::npos);
  }
  {
    jit::trace::Recorder r(c, 0, 1, {}, 256, 4);
    EXPECT_EQ(r.step(1, 0, 1), V::Aborted);  // a block op's code unit
  }
  {
    jit::trace::Recorder r(c, 0, 1, {}, 1, 4);
    EXPECT_EQ(r.step(0, 0, 1), V::Continue);
    EXPECT_EQ(r.step(0, 2, 1), V::Aborted);  // over the length limit
  }
  {
    jit::trace::Recorder r(c, 0, 2, {}, 256, 4);
    EXPECT_EQ(r.step(0, 0, 1), V::Aborted);  // returned out of the loop's frame
  }
  {
    jit::trace::Recorder r(c, 0, 1, {}, 256, 1);
    EXPECT_EQ(r.step(0, 0, 3), V::Aborted);  // calls nested past the inlining limit
  }
}

// ── The optimisations, on the IR ──

TEST(TraceIr, FoldingTurnsConstantExpressionsIntoConstants) {
  const Chunk c = assemble_text(kInvariantLoop);
  const auto rec = record(c, 6, {jit::SlotKind::Int, jit::SlotKind::Int, jit::SlotKind::Int});
  ASSERT_EQ(rec.ips.size(), 20u);
  jit::TraceOptimizations fold, no_fold;
  fold.peel = no_fold.peel = false;  // no dead-code pass: the folded product would go anyway
  no_fold.fold = false;
  auto with = build(c, rec, 3, fold), without = build(c, rec, 3, no_fold);
  ASSERT_TRUE(with.ok()) << with.message();
  ASSERT_TRUE(without.ok()) << without.message();
  // 2 * 3 is folded away; k * k and the others remain.
  EXPECT_LT(count(*with, IrOp::MulI), count(*without, IrOp::MulI));
}

TEST(TraceIr, CseComputesARepeatedExpressionOnce) {
  const Chunk c = assemble_text(R"(
        LoadInt 0
        SetSlot 0
loop:   GetSlot 0
        LoadInt 3
        Mul
        GetSlot 0
        LoadInt 3
        Mul
        Add
        SetSlot 1
        GetSlot 0
        LoadInt 1
        Add
        SetSlot 0
        GetSlot 0
        LoadInt 100
        NumLt
        JumpIfTrue loop
)");
  const auto rec = record(c, 2, {jit::SlotKind::Int, jit::SlotKind::Int});
  jit::TraceOptimizations opts;
  opts.peel = false;
  auto on = build(c, rec, 2, opts);
  opts.cse = false;
  auto off = build(c, rec, 2, opts);
  ASSERT_TRUE(on.ok() && off.ok());
  EXPECT_EQ(count(*on, IrOp::MulI), 1u);
  EXPECT_EQ(count(*off, IrOp::MulI), 2u);
  expect_same_as_interpreter(c);
}

TEST(TraceIr, PeelingHoistsInvariantCodeOutOfTheLoop) {
  const Chunk c = assemble_text(kInvariantLoop);
  const auto rec = record(c, 6, {jit::SlotKind::Int, jit::SlotKind::Int, jit::SlotKind::Int});
  auto ir = build(c, rec, 3);
  ASSERT_TRUE(ir.ok()) << ir.message();
  ASSERT_NE(ir->loop, jit::trace::kNoRef);
  // k * k runs once, in the pre-roll; the body multiplies by i only.
  EXPECT_EQ(count(*ir, IrOp::MulI, true), 1u);
  EXPECT_EQ(count(*ir, IrOp::MulI), 3u);
  EXPECT_GE(count(*ir, IrOp::Phi), 2u);  // sum and i are carried in registers
  expect_same_as_interpreter(c);
}

TEST(TraceIr, GuardEliminationDropsImpliedGuards) {
  // The same test twice per iteration, and a test on a value the loop never changes.
  const Chunk c = assemble_text(R"(
        LoadInt 0
        SetSlot 0
        LoadInt 5
        SetSlot 1
loop:   GetSlot 1
        LoadInt 3
        NumGt
        JumpIfFalse skip
        GetSlot 0
        LoadInt 50
        NumLt
        JumpIfFalse skip
        GetSlot 0
        LoadInt 50
        NumLt
        JumpIfFalse skip
skip:   GetSlot 0
        LoadInt 1
        Add
        SetSlot 0
        GetSlot 0
        LoadInt 40
        NumLt
        JumpIfTrue loop
)");
  const auto rec = record(c, 4, {jit::SlotKind::Int, jit::SlotKind::Int});
  jit::TraceOptimizations off;
  off.guard_elim = false;
  auto on = build(c, rec, 2), plain = build(c, rec, 2, off);
  ASSERT_TRUE(on.ok() && plain.ok());
  const auto guards = [](const jit::trace::TraceIr& ir) {
    return count(ir, IrOp::GuardTrue) + count(ir, IrOp::GuardFalse);
  };
  EXPECT_LT(guards(*on), guards(*plain));
  // In the loop body: no guard on slot 1 (checked once in the pre-roll), one on i < 50, the loop test.
  EXPECT_EQ(count(*on, IrOp::GuardTrue, true) + count(*on, IrOp::GuardFalse, true), 2u);
  expect_same_as_interpreter(c);
}

TEST(TraceIr, SlotStoresAreSunkIntoExitsAndUnboxingCarriesValuesInRegisters) {
  const Chunk c = assemble_text(kInvariantLoop);
  const auto rec = record(c, 6, {jit::SlotKind::Int, jit::SlotKind::Int, jit::SlotKind::Int});
  auto sunk = build(c, rec, 3);
  jit::TraceOptimizations o;
  o.sink = false;
  auto stored = build(c, rec, 3, o);
  o = {};
  o.unbox = false;
  auto boxed = build(c, rec, 3, o);
  ASSERT_TRUE(sunk.ok() && stored.ok() && boxed.ok());
  EXPECT_EQ(count(*sunk, IrOp::SStore), 0u);
  EXPECT_GE(count(*stored, IrOp::SStore), 2u);
  EXPECT_EQ(boxed->loop, jit::trace::kNoRef);  // every iteration reloads its slots
  EXPECT_EQ(boxed->boxed_back_edge.size(), 2u);
  EXPECT_EQ(count(*boxed, IrOp::Phi), 0u);
  // A snapshot of the loop body names every slot the loop changes.
  for (const auto& s : sunk->snaps) EXPECT_FALSE(s.entries.empty() && !s.loop_exit && s.resume_ip == 6);
}

TEST(TraceIr, RefusesLoopsItCannotRunAsTraces) {
  // The iteration leaves a value on the stack.
  const Chunk c = assemble_text("LoadInt 0\nSetSlot 0\nloop: LoadInt 1\nGetSlot 0\nLoadInt 1\nAdd\nSetSlot 0\nGetSlot 0\nLoadInt 9\nNumLt\nJumpIfTrue loop\n");
  auto ir = build(c, record(c, 2, {jit::SlotKind::Int}), 1);
  ASSERT_FALSE(ir.ok());
  EXPECT_NE(ir.message().find("stack"), std::string::npos);
  // A slot whose kind changes from one iteration to the next (Int, then Float).
  const Chunk u = assemble_text("LoadInt 0\nSetSlot 0\nloop: GetSlot 0\nLoadFloat 0.5\nAdd\nSetSlot 0\nGetSlot 0\nLoadInt 9\nNumLt\nJumpIfTrue loop\n");
  auto unstable = build(u, record(u, 2, {jit::SlotKind::Int}), 1);
  ASSERT_FALSE(unstable.ok());
  EXPECT_NE(unstable.message().find("slot 0"), std::string::npos);
  expect_same_as_interpreter(u);  // the VM records again once the slot is a Float
}

// ── Guards and deoptimisation ──

TEST(TraceGuards, BranchGuardsExitOnTheOtherPath) {
  // The branch goes one way for 300 iterations, then the other.
  const Chunk c = assemble_text(R"(
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 0
        LoadInt 300
        NumLt
        JumpIfFalse other
        GetSlot 1
        LoadInt 2
        Add
        SetSlot 1
        Jump next
other:  GetSlot 1
        LoadInt 3
        Mul
        LoadInt 1000003
        Mod
        SetSlot 1
next:   PreIncSlotVoid 0
        GetSlot 0
        LoadInt 1000
        NumLt
        JumpIfTrue loop
        GetSlot 1
)");
  ScopedConfig cfg(traced());
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_GT(vm.stats().trace_entries, 0u);
  bool side_exit = false;
  for (const auto& t : vm.trace_summaries()) side_exit = side_exit || t.side_exits > 0 || t.variants > 0;
  EXPECT_TRUE(side_exit);
  expect_same_as_interpreter(c);
}

TEST(TraceGuards, ZeroDivisorExitsBeforeTheDivision) {
  // d runs 5, 4, ... 0, -1: x / 0 is Undef in the interpreter, which the trace leaves to it.
  const Chunk c = assemble_text(R"(
        LoadInt 5
        SetSlot 0
        LoadFloat 0.0
        SetSlot 1
loop:   LoadInt 100
        GetSlot 0
        Div
        SetSlot 2
        GetSlot 0
        LoadInt 1
        Sub
        SetSlot 0
        GetSlot 0
        LoadInt -3
        NumGt
        JumpIfTrue loop
)");
  expect_same_as_interpreter(c);
  const RunOutcome o = traced_run(c);
  EXPECT_GT(o.jit_entries, 0u);
}

TEST(TraceGuards, LoopExitAndFloatTruthiness) {
  // NaN is truthy, -0.0 is not, as in the interpreter.
  const Chunk c = assemble_text(R"(
        LoadFloat 3.0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 0
        LoadFloat 1.0
        Sub
        SetSlot 0
        GetSlot 0
        JumpIfFalse zero
        PreIncSlotVoid 1
zero:   GetSlot 0
        LoadFloat -5.0
        NumGt
        JumpIfTrue loop
        GetSlot 1
)");
  expect_same_as_interpreter(c);
}

TEST(TraceDeopt, ExitsInsideInlinedCallsRebuildTheirFramesAndStack) {
  // main keeps a value on the stack across the call; the callee's branch flips at i = 200, so
  // the guard inside the inlined call fails with a frame and a stack to rebuild.
  const Chunk c = assemble_text(R"(
.name g
.sub g body
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 1
        LoadInt 10
        GetSlot 0
        Call g 1
        Add
        Add
        SetSlot 1
        PreIncSlotVoid 0
        GetSlot 0
        LoadInt 400
        NumLt
        JumpIfTrue loop
        GetSlot 1
        Jump end
body:   SetSlot 0
        GetSlot 0
        LoadInt 200
        NumLt
        JumpIfFalse big
        GetSlot 0
        ReturnValue
big:    GetSlot 0
        LoadInt 2
        Mul
        ReturnValue
end:    Nop
)");
  ScopedConfig cfg(traced());
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_GT(vm.stats().trace_entries, 0u);
  uint64_t side = 0;
  for (const auto& t : vm.trace_summaries()) side += t.side_exits;
  EXPECT_GT(side, 0u);
  expect_same_as_interpreter(c);
}

// ── Blacklisting, limits, sharing ──

TEST(TraceBlacklist, LoopsThatCannotBeTracedAreBlacklistedAndLeftToTheBlockTier) {
  const Chunk c = assemble_text(R"(
.const Str "x"
        LoadInt 0
        SetSlot 0
loop:   LoadConst #0
        Pop
        PreIncSlotVoid 0
        GetSlot 0
        LoadInt 5000
        NumLt
        JumpIfTrue loop
        GetSlot 0
)");
  TraceJitConfig cfg = TraceJitConfig::eager();
  cfg.max_trace_aborts = 3;
  ScopedConfig scoped(cfg);
  const uint64_t before = JitCompiler::global().stats().trace_blacklisted;
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value().as_int(), 5000);
  const auto s = vm.trace_summaries();
  ASSERT_EQ(s.size(), 1u);
  EXPECT_TRUE(s[0].blacklisted);
  EXPECT_EQ(s[0].aborts, 3u);
  EXPECT_EQ(JitCompiler::global().stats().trace_blacklisted, before + 1);
}

TEST(TraceBlacklist, TracesThatKeepSideExitingAreDropped) {
  // The branch alternates every iteration: each entry runs one iteration and leaves.
  const Chunk c = assemble_text(kAlternatingLoop);
  TraceJitConfig no_side_traces = traced();
  no_side_traces.side_exit_threshold = 0;  // trace_side_test.cpp: a side trace would fix this loop
  ScopedConfig cfg(no_side_traces);
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value().as_int(), 2500);
  const auto s = vm.trace_summaries();
  ASSERT_FALSE(s.empty());
  EXPECT_TRUE(s[0].blacklisted);
  EXPECT_GE(s[0].side_exits, 50u);
  expect_same_as_interpreter(c);
}

TEST(TraceLimits, FuelRunsOutAtTheSameOpInsideATrace) {
  const Chunk c = assemble_text(kInvariantLoop);
  for (uint64_t fuel : {50u, 500u, 5003u, 12345u, 19990u}) expect_same_as_interpreter(c, fuel);
}


TEST(TraceSharing, AFreshVmFindsTheTraceAlreadyCompiled) {
  const Chunk c = assemble_text(kInvariantLoop);
  ScopedConfig cfg(traced());
  {
    VM warm(c);
    ASSERT_TRUE(warm.run().is_ok());
  }
  const uint64_t recordings = JitCompiler::global().stats().trace_recordings;
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(JitCompiler::global().stats().trace_recordings, recordings);
  EXPECT_GT(vm.stats().trace_entries, 0u);
}

TEST(TraceDump, ShowsTheIrBeforeAndAfterAndTheMachineCode) {
  const Chunk c = assemble_text(kInvariantLoop);
  ScopedConfig cfg(traced());
  JitCompiler::global().clear_memory_cache();
  VM vm(c);
  vm.set_trace_dump(true);
  ASSERT_TRUE(vm.run().is_ok());
  const std::string d = vm.trace_dump();
  EXPECT_NE(d.find("before optimisation"), std::string::npos);
  EXPECT_NE(d.find("---- LOOP ----"), std::string::npos);
  EXPECT_NE(d.find("Phi"), std::string::npos);
  EXPECT_NE(d.find("ret"), std::string::npos);
}

TEST(TraceMetadata, ExportJsonRoundTripAndImportIntoAFreshVm) {
  const Chunk c = assemble_text(kInvariantLoop);
  ScopedConfig cfg(traced());
  std::vector<jit::TraceMetadata> saved;
  {
    VM vm(c);
    ASSERT_TRUE(vm.run().is_ok());
    saved = vm.export_traces();
  }
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved[0].anchor_ip, 6u);
  const std::string json = jit::trace_metadata_to_json(saved[0]);
  auto back = jit::trace_metadata_from_json(json);
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(*back, saved[0]);  // lossless, the 64-bit hash included

  JitCompiler::global().clear_memory_cache();
  const uint64_t recordings = JitCompiler::global().stats().trace_recordings;
  VM fresh(c);
  ASSERT_TRUE(fresh.import_trace(*back).ok());
  VMResult r = fresh.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(JitCompiler::global().stats().trace_recordings, recordings);  // started warm
  EXPECT_GT(fresh.stats().trace_entries, 0u);
  EXPECT_EQ(traced_run(c).value.as_int(), r.value().as_int());
}

TEST(TraceMetadata, ForeignOrTamperedRecipesAreRefused) {
  const Chunk c = assemble_text(kInvariantLoop);
  ScopedConfig cfg(traced());
  VM vm(c);
  ASSERT_TRUE(vm.run().is_ok());
  const jit::TraceMetadata good = vm.export_traces().at(0);
  VM target(c);
  jit::TraceMetadata m = good;
  m.chunk_hash ^= 1;
  EXPECT_EQ(target.import_trace(m).code(), ErrorCode::InvalidArgument);
  VM other(assemble_text("LoadInt 1\nloop: LoadInt 1\nJumpIfFalse loop\n"));
  EXPECT_FALSE(other.import_trace(good).ok());
  m = good;
  m.recorded_ips[3] = 20;  // a path the chunk's ops do not take
  EXPECT_EQ(target.import_trace(m).code(), ErrorCode::NotCompiled);
  m = good;
  m.recorded_ips.push_back(999);
  EXPECT_FALSE(target.import_trace(m).ok());
  m = good;
  m.slot_kinds.pop_back();
  EXPECT_FALSE(target.import_trace(m).ok());
  EXPECT_FALSE(jit::trace_metadata_from_json("{\"chunk_hash\": 5}").ok());
  EXPECT_FALSE(jit::trace_metadata_from_json("not json").ok());
  EXPECT_TRUE(target.import_trace(good).ok());
  EXPECT_TRUE(target.run().is_ok());
}

}  // namespace
}  // namespace fusevm::test
