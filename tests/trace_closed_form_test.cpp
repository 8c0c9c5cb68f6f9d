// Closed-form loops (jit/trace/closed_form.h): which loop bodies are recognised, how many
// iterations may be skipped at the edges of the Int range and of the fuel, and runs that must
// end exactly as the interpreter's do — value, output, op count and fuel error.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "jit/trace/closed_form.h"
#include "jit/trace/peel.h"
#include "trace_support.h"

namespace fusevm::test {
namespace {

using jit::SlotKind;
using jit::trace::ClosedForm;
using jit::trace::kNoRef;
using jit::trace::loop_skip_count;
using jit::trace::LoopSkipInput;
using jit::trace::LoopTest;

// Test programs: four slots set, then (at ip 8, so the anchor is known) a loop
//   loop: <test> JumpIfFalse done; <body>; Jump loop; done: <result>
// with ops separated by '|' in each part.
std::string ops_text(std::string_view ops) {
  std::string text;
  size_t from = 0;
  while (from <= ops.size()) {
    const size_t bar = std::min(ops.find('|', from), ops.size());
    std::string_view op = ops.substr(from, bar - from);
    while (!op.empty() && op.front() == ' ') op.remove_prefix(1);
    while (!op.empty() && op.back() == ' ') op.remove_suffix(1);
    text += fmt::format("        {}\n", op);
    from = bar + 1;
  }
  return text;
}

std::string loop_program(const std::array<const char*, 4>& loads, std::string_view test, std::string_view body,
                         std::string_view result = "GetSlot 0") {
  std::string text;
  for (size_t k = 0; k < loads.size(); ++k) text += fmt::format("        {}\n        SetSlot {}\n", loads[k], k);
  return text + "loop:\n" + ops_text(test) + "        JumpIfFalse done\n" + ops_text(body) +
         "        Jump loop\ndone:\n" + ops_text(result);
}

constexpr const char* kCountI = "GetSlot 1 | LoadInt 1 | Add | SetSlot 1";  // i = i + 1

// s = s + i for i in [0, 1000). Slots: 0 s, 1 i.
const std::string kSumTo = loop_program({"LoadInt 0", "LoadInt 0", "LoadInt 0", "LoadInt 0"},
                                        "GetSlot 1 | LoadInt 1000 | NumLt",
                                        std::string("GetSlot 0 | GetSlot 1 | Add | SetSlot 0 | ") + kCountI);

// s = s - 3*i + k while i <= n, i from 5 by 3 (n and k invariant). Slots: 0 s, 1 i, 2 n, 3 k.
const std::string kStepAndInvariants = loop_program(
    {"LoadInt 0", "LoadInt 5", "LoadInt 998", "LoadInt -7"}, "GetSlot 1 | GetSlot 2 | NumLe",
    "GetSlot 0 | GetSlot 1 | LoadInt 3 | Mul | Sub | GetSlot 3 | Add | SetSlot 0 | "
    "GetSlot 1 | LoadInt 3 | Add | SetSlot 1");

// Counting down by 2 while i > 0: s += i and t += 2*k. Slots: 0 s, 1 i, 2 t, 3 k.
const std::string kCountDown = loop_program(
    {"LoadInt 0", "LoadInt 601", "LoadInt 0", "LoadInt 11"}, "GetSlot 1 | LoadInt 0 | NumGt",
    "GetSlot 0 | GetSlot 1 | Add | SetSlot 0 | GetSlot 2 | GetSlot 3 | LoadInt 2 | Mul | Add | SetSlot 2 | "
    "GetSlot 1 | LoadInt 2 | Sub | SetSlot 1",
    "GetSlot 0 | GetSlot 2 | Add");

// A sum that wraps around the Int range many times: s += i * 1000000000007 for i < 200000.
const std::string kWrappingSum =
    loop_program({"LoadInt 0", "LoadInt 0", "LoadInt 0", "LoadInt 0"}, "GetSlot 1 | LoadInt 200000 | NumLt",
                 std::string("GetSlot 0 | GetSlot 1 | LoadInt 1000000000007 | Mul | Add | SetSlot 0 | ") + kCountI);

// The counter's last step would pass Int max, so the loop wraps around and never ends (the
// interpreter's behaviour too): only fuel stops it. i from max-100 by 7 while i < max.
const std::string kCounterPastIntMax =
    loop_program({"LoadInt 0", "LoadInt 9223372036854775707", "LoadInt 0", "LoadInt 0"},
                 "GetSlot 1 | LoadInt 9223372036854775807 | NumLt",
                 "GetSlot 0 | LoadInt 1 | Add | SetSlot 0 | GetSlot 1 | LoadInt 7 | Add | SetSlot 1");

// An inner sum to j nested in a loop over j < 300: the inner loop's bound changes between
// entries. Slots: 0 s, 1 i, 2 j.
const std::string kNested = loop_program(
    {"LoadInt 0", "LoadInt 0", "LoadInt 0", "LoadInt 0"}, "GetSlot 2 | LoadInt 300 | NumLt",
    "LoadInt 0 | SetSlot 1 | inner: GetSlot 1 | GetSlot 2 | NumLt | JumpIfFalse next | "
    "GetSlot 0 | GetSlot 1 | Add | SetSlot 0 | GetSlot 1 | LoadInt 1 | Add | SetSlot 1 | Jump inner | "
    "next: GetSlot 2 | LoadInt 1 | Add | SetSlot 2");

// Not closed forms: a float sum, a branch in the body, and a value that doubles.
const std::string kFloatSum =
    loop_program({"LoadFloat 0.5", "LoadInt 0", "LoadInt 0", "LoadInt 0"}, "GetSlot 1 | LoadInt 1000 | NumLt",
                 std::string("GetSlot 0 | LoadFloat 0.25 | Add | SetSlot 0 | ") + kCountI);
const std::string kBranchInBody =
    loop_program({"LoadInt 0", "LoadInt 0", "LoadInt 0", "LoadInt 0"}, "GetSlot 1 | LoadInt 1000 | NumLt",
                 "GetSlot 1 | LoadInt 5000 | NumGt | JumpIfTrue skip | GetSlot 0 | GetSlot 1 | Add | SetSlot 0 | "
                 "skip: GetSlot 1 | LoadInt 1 | Add | SetSlot 1");
const std::string kDoubling =
    loop_program({"LoadInt 1", "LoadInt 0", "LoadInt 0", "LoadInt 0"}, "GetSlot 1 | LoadInt 1000 | NumLt",
                 std::string("GetSlot 0 | GetSlot 0 | Add | SetSlot 0 | ") + kCountI);

constexpr uint64_t kLoopIp = 8;
const std::vector<SlotKind> kIntSlots(4, SlotKind::Int);

ClosedForm closed_form_of(const std::string& text, std::vector<SlotKind> kinds = kIntSlots) {
  const Chunk c = assemble_text(text);
  auto ir = build(c, record(c, kLoopIp, kinds), 4);
  EXPECT_TRUE(ir.ok()) << ir.message();
  if (!ir.ok()) return {};
  jit::trace::dead_code(*ir);
  jit::trace::find_closed_form(*ir);
  return ir->closed_form;
}

LoopSkipInput input(int64_t counter, int64_t bound, int64_t step, LoopTest test) {
  return LoopSkipInput{counter, 0, bound, step, static_cast<uint64_t>(test), 0, UINT64_MAX, 10};
}

TEST(TraceClosedForm, RecognisesLoopsThatCountAndSum) {
  const ClosedForm sum = closed_form_of(kSumTo);
  ASSERT_NE(sum.counter, kNoRef);
  EXPECT_EQ(sum.step, 1);
  EXPECT_EQ(sum.test, LoopTest::Lt);
  EXPECT_EQ(sum.ops, 13u);
  ASSERT_EQ(sum.updates.size(), 2u);  // s and i
  bool summed = false;
  for (const auto& u : sum.updates) summed = summed || (u.value != sum.counter && u.counter_coef == 1);
  EXPECT_TRUE(summed);

  const ClosedForm step = closed_form_of(kStepAndInvariants);
  ASSERT_NE(step.counter, kNoRef);
  EXPECT_EQ(step.step, 3);
  EXPECT_EQ(step.test, LoopTest::Le);
  bool with_invariant = false;
  for (const auto& u : step.updates)
    with_invariant = with_invariant || (u.counter_coef == static_cast<uint64_t>(-3) && u.invariants.size() == 1);
  EXPECT_TRUE(with_invariant);

  const ClosedForm down = closed_form_of(kCountDown);
  ASSERT_NE(down.counter, kNoRef);
  EXPECT_EQ(down.step, -2);
  EXPECT_EQ(down.test, LoopTest::Gt);
  EXPECT_EQ(down.updates.size(), 3u);

  EXPECT_NE(closed_form_of(kWrappingSum).counter, kNoRef);
}

TEST(TraceClosedForm, LeavesOtherLoopsAlone) {
  EXPECT_EQ(closed_form_of(kFloatSum, {SlotKind::Float, SlotKind::Int, SlotKind::Int, SlotKind::Int}).counter, kNoRef);
  EXPECT_EQ(closed_form_of(kBranchInBody).counter, kNoRef);
  EXPECT_EQ(closed_form_of(kDoubling).counter, kNoRef);
}

TEST(TraceClosedForm, SkipCountsStopAtTheBoundTheIntRangeAndTheFuel) {
  EXPECT_EQ(loop_skip_count(input(0, 1000, 1, LoopTest::Lt)), 1000u);
  EXPECT_EQ(loop_skip_count(input(0, 1000, 3, LoopTest::Lt)), 334u);  // 0, 3, ..., 999
  EXPECT_EQ(loop_skip_count(input(0, 999, 3, LoopTest::Le)), 334u);
  EXPECT_EQ(loop_skip_count(input(0, 998, 3, LoopTest::Le)), 333u);
  EXPECT_EQ(loop_skip_count(input(1000, 1000, 1, LoopTest::Lt)), 0u);
  EXPECT_EQ(loop_skip_count(input(601, 0, -2, LoopTest::Gt)), 301u);  // 601, 599, ..., 1
  EXPECT_EQ(loop_skip_count(input(600, 0, -2, LoopTest::Ge)), 301u);  // 600, ..., 0
  EXPECT_EQ(loop_skip_count(input(0, 10, -1, LoopTest::Lt)), 0u);     // counting away
  // Offsets: the guard tests counter + 1.
  LoopSkipInput shifted = input(0, 1000, 1, LoopTest::Lt);
  shifted.offset = 1;
  EXPECT_EQ(loop_skip_count(shifted), 999u);
  // The Int range: the failing test's value must fit too.
  EXPECT_EQ(loop_skip_count(input(INT64_MAX - 100, INT64_MAX, 7, LoopTest::Lt)), 0u);
  EXPECT_EQ(loop_skip_count(input(INT64_MAX - 98, INT64_MAX, 7, LoopTest::Lt)), 14u);  // ends at max
  EXPECT_EQ(loop_skip_count(input(0, INT64_MAX, 1, LoopTest::Le)), 0u);  // i <= max always holds
  EXPECT_EQ(loop_skip_count(input(INT64_MIN, INT64_MIN, -1, LoopTest::Ge)), 0u);
  LoopSkipInput whole_range = input(INT64_MIN, INT64_MAX - 1, 1, LoopTest::Lt);
  whole_range.ops = 1;
  EXPECT_EQ(loop_skip_count(whole_range), UINT64_MAX - 1);
  shifted = input(INT64_MAX, 0, -1, LoopTest::Gt);
  shifted.offset = 1;  // counter + offset already past the range
  EXPECT_EQ(loop_skip_count(shifted), 0u);
  // The fuel: back edges are checked at count, count + ops, ...; each must be below the limit.
  LoopSkipInput fuel = input(0, 1000, 1, LoopTest::Lt);
  fuel.count = 100;
  fuel.limit = 100 + 10 * 50;  // the checks at 100, 110, ..., 590 pass
  EXPECT_EQ(loop_skip_count(fuel), 50u);
  fuel.limit = 100 + 10 * 50 + 1;
  EXPECT_EQ(loop_skip_count(fuel), 51u);
  fuel.limit = 100;
  EXPECT_EQ(loop_skip_count(fuel), 0u);
  fuel.limit = 101;
  EXPECT_EQ(loop_skip_count(fuel), 1u);
}

TEST(TraceClosedForm, SkippedLoopsEndExactlyAsTheInterpreterDoes) {
  for (const std::string& text : {kSumTo, kStepAndInvariants, kCountDown, kWrappingSum, kNested}) {
    SCOPED_TRACE(text);
    const Chunk c = assemble_text(text);
    expect_same_as_interpreter(c);
    // Fuel running out before, at and after each loop's end.
    for (uint64_t fuel : {40u, 117u, 2000u, 4001u, 4002u, 12998u, 13008u, 13009u, 13010u, 13013u, 13020u, 500000u})
      expect_same_as_interpreter(c, fuel);
  }
  const Chunk wraps = assemble_text(kCounterPastIntMax);
  for (uint64_t fuel : {1000u, 20000u}) expect_same_as_interpreter(wraps, fuel);
}

TEST(TraceClosedForm, TheSkipRunsNativelyAndCanBeSwitchedOff) {
  const Chunk c = assemble_text(kWrappingSum);
  RunOptions o;
  o.slots_to_read = 4;
  o.jit = JitMode::Off;
  const RunOutcome interp = run_outcome(c, o);
  o.jit = JitMode::Traced;
  const RunOutcome skipped = run_outcome(c, o);
  o.trace_opts.closed_form = false;
  const RunOutcome looped = run_outcome(c, o);
  EXPECT_EQ(outcome_difference(interp, skipped), "");
  EXPECT_EQ(outcome_difference(interp, looped), "");
  // Almost every op ran in native code either way (the skip counts the ops it skips).
  EXPECT_GT(skipped.jit_ops, interp.ops * 9 / 10);
  EXPECT_GT(looped.jit_ops, interp.ops * 9 / 10);
}

}  // namespace
}  // namespace fusevm::test
