// Arrays in traces: ArrayGet and ArraySet on global arrays compile to guarded element loads and
// stores — every case the interpreter's fast path does not take (not an array, shared when
// written, an index out of range or not an Int, an element of another kind, a heap element
// overwritten) leaves to the interpreter at the op itself, so runs match it exactly.
#include <gtest/gtest.h>

#include <string>

#include "fusevm/formats.h"
#include "fusevm/jit.h"
#include "fusevm/vm.h"
#include "jit/runtime/array_layout.h"
#include "trace_support.h"

namespace fusevm::test {
namespace {

// Fills global `a` with `fill` (an op sequence leaving one value, run with slot 0 = i) for i
// below n, then runs `body` for i below n, with slot 1 as an accumulator; the result is slot 1.
Chunk array_program(const std::string& fill, const std::string& body, int n = 3000) {
  const std::string N = std::to_string(n);
  return assemble_text(R"(
.name a
.name b
        DeclareArray a
        LoadInt 0
        SetSlot 0
fill:   GetSlot 0
        LoadInt )" + N + R"(
        NumLt
        JumpIfFalse run
)" + fill + R"(
        ArrayPush a
        PreIncSlotVoid 0
        Jump fill
run:    LoadInt 0
        SetSlot 1
        LoadInt 0
        SetSlot 0
loop:   GetSlot 0
        LoadInt )" + N + R"(
        NumLt
        JumpIfFalse done
)" + body + R"(
        PreIncSlotVoid 0
        Jump loop
done:   GetSlot 1
)");
}

// slot 1 += a[i + offset]
std::string sum_at(int offset) {
  return "GetSlot 1\nGetSlot 0\nLoadInt " + std::to_string(offset) + "\nAdd\nArrayGet a\nAdd\nSetSlot 1\n";
}

void expect_traced_and_same(const Chunk& c) {
  ScopedConfig cfg(traced());
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_GT(vm.stats().trace_ops, vm.stats().ops_executed / 3) << "the array loop should run as a trace";
  expect_same_as_interpreter(c);
}

TEST(TraceArrays, TheLayoutProbeFindsTheElements) { EXPECT_TRUE(jit::array_layout().ok()); }

TEST(TraceArrays, ReadsAndWritesIntElements) {
  expect_traced_and_same(array_program("GetSlot 0", sum_at(0) + "GetSlot 0\nLoadInt 3\nMul\nGetSlot 0\nArraySet a\n"));
}

TEST(TraceArrays, FloatAndBoolAndUndefElements) {
  expect_traced_and_same(array_program("GetSlot 0\nLoadFloat 0.5\nMul", sum_at(0)));
  expect_traced_and_same(array_program("GetSlot 0\nLoadInt 2\nMod\nLoadInt 0\nNumEq", sum_at(0)));
  expect_traced_and_same(array_program("LoadUndef", sum_at(0)));
}

TEST(TraceArrays, ElementsWhoseKindChangesLeaveAndGrowSideTraces) {
  // Int and Float elements alternate: the element-kind guard fails every other iteration.
  const Chunk c = array_program("GetSlot 0\nLoadInt 2\nMod\nJumpIfFalse f\nLoadInt 1\nJump e\nf: LoadFloat 0.25\ne: Nop",
                                sum_at(0));
  expect_same_as_interpreter(c);
  const uint64_t before = jit::JitCompiler::global().stats().trace_side_traces;
  jit::JitCompiler::global().clear_memory_cache();
  ScopedConfig cfg(traced());
  VM vm(c);
  ASSERT_TRUE(vm.run().is_ok());
  EXPECT_GT(jit::JitCompiler::global().stats().trace_side_traces, before);
}

TEST(TraceArrays, IndexesOutOfRangeReadUndefThroughTheInterpreter) {
  expect_same_as_interpreter(array_program("GetSlot 0", sum_at(1500)));  // the second half is past the end
  expect_same_as_interpreter(array_program("GetSlot 0", sum_at(-5)));    // negative at first
  // A write past the end grows the array (the interpreter's slow path), through an exit.
  expect_same_as_interpreter(
      array_program("GetSlot 0", "GetSlot 0\nGetSlot 0\nLoadInt 2900\nAdd\nArraySet a\n"));
}

TEST(TraceArrays, SharedArraysAreCopiedByTheInterpreterBeforeAWrite) {
  // Every 100th iteration b = a shares the array; the next write must copy it first.
  expect_same_as_interpreter(array_program(
      "GetSlot 0",
      "GetSlot 0\nLoadInt 100\nMod\nJumpIfTrue w\nGetVar a\nSetVar b\nw: GetSlot 0\nGetSlot 0\nArraySet a\n" +
          sum_at(0)));
}

TEST(TraceArrays, HeapElementsAndOtherContainersAreLeftToTheInterpreter) {
  // String elements: recording refuses to read them; overwriting one is an exit.
  expect_same_as_interpreter(array_program("LoadConst Str \"s\"", "GetSlot 0\nGetSlot 0\nArraySet a\n" + sum_at(0)));
  // `a` replaced by a non-array halfway: the array guard leaves, the interpreter reads Undef.
  expect_same_as_interpreter(
      array_program("GetSlot 0", "GetSlot 0\nLoadInt 1500\nNumEq\nJumpIfFalse k\nLoadInt 7\nSetVar a\nk: Nop\n" +
                                     sum_at(0)));
  // A Float index takes the interpreter's slow path; the trace refuses it.
  expect_same_as_interpreter(array_program("GetSlot 0", "GetSlot 1\nGetSlot 0\nLoadFloat 0.0\nAdd\nArrayGet a\nAdd\nSetSlot 1\n"));
}

TEST(TraceArrays, PushesRunNativelyUnlessTheArrayIsAlsoIndexed) {
  // The fill loop of array_program pushes; the trace calls the push helper.
  const Chunk fill = array_program("GetSlot 0\nLoadFloat 1.5\nMul", "");
  expect_traced_and_same(fill);
  // Pushing onto the array the loop also reads: refused (a push may move the elements), the
  // interpreter runs it.
  expect_same_as_interpreter(array_program("GetSlot 0", sum_at(0) + "GetSlot 0\nArrayPush a\n"));
  // Pushing onto another array than the one read is fine.
  expect_same_as_interpreter(array_program("GetSlot 0", sum_at(0) + "GetSlot 0\nArrayPush b\n"));
  // Pushing onto a shared array (b = a every 50th iteration): the interpreter copies it first.
  expect_same_as_interpreter(array_program(
      "GetSlot 0", "GetSlot 0\nLoadInt 50\nMod\nJumpIfTrue p\nGetVar a\nSetVar b\np: GetSlot 0\nArrayPush a\n"));
}

TEST(TraceArrays, AMemoryLimitStopsAPushAtTheSameOp) {
  const Chunk c = array_program("GetSlot 0", "", 200000);
  for (size_t limit : {size_t{64} << 10, size_t{1} << 20}) {
    RunOptions o;
    o.slots_to_read = 4;
    o.limits.memory_limit = limit;
    EXPECT_EQ(jit_differences(c, {JitMode::Traced, JitMode::TraceChaos}, o), "") << limit;
  }
}

TEST(TraceArrays, TheSieveRunsNatively) {
  std::string sieve = R"(
.name flags
        DeclareArray flags
        LoadInt 0
        SetSlot 0
fill:   GetSlot 0
        LoadInt 20000
        NumLt
        JumpIfFalse sieve
        LoadInt 1
        ArrayPush flags
        PreIncSlotVoid 0
        Jump fill
sieve:  LoadInt 2
        SetSlot 0
outer:  GetSlot 0
        GetSlot 0
        Mul
        LoadInt 20000
        NumLt
        JumpIfFalse count
        GetSlot 0
        ArrayGet flags
        LoadInt 1
        NumEq
        JumpIfFalse nexti
        GetSlot 0
        GetSlot 0
        Mul
        SetSlot 1
inner:  GetSlot 1
        LoadInt 20000
        NumLt
        JumpIfFalse nexti
        LoadInt 0
        GetSlot 1
        ArraySet flags
        GetSlot 1
        GetSlot 0
        Add
        SetSlot 1
        Jump inner
nexti:  PreIncSlotVoid 0
        Jump outer
count:  LoadInt 0
        SetSlot 2
        LoadInt 2
        SetSlot 3
cloop:  GetSlot 3
        LoadInt 20000
        NumLt
        JumpIfFalse done
        GetSlot 2
        GetSlot 3
        ArrayGet flags
        Add
        SetSlot 2
        PreIncSlotVoid 3
        Jump cloop
done:   GetSlot 2
)";
  const Chunk c = assemble_text(sieve);
  ScopedConfig cfg(traced());
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_EQ(r.value().as_int(), 2262);  // primes below 20000
  EXPECT_GT(vm.stats().trace_ops, vm.stats().ops_executed / 2);
  expect_same_as_interpreter(c);
  for (uint64_t fuel : {1000u, 123457u, 300001u}) expect_same_as_interpreter(c, fuel);
}

}  // namespace
}  // namespace fusevm::test
