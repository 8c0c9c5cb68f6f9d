// The interpreter's core ops: arithmetic and comparison rules, stack and variable ops, how a run
// ends, error messages, tracing and op counting.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "fusevm/builder.h"
#include "fusevm/vm.h"
#include "run_outcome.h"

namespace fusevm {
namespace {

using test::run_text;

Value I(int64_t n) { return Value::integer(n); }
Value F(double f) { return Value::floating(f); }

// Runs `text` and returns its value, failing the test if the run did not end Ok.
Value value_of(std::string_view text) {
  const test::RunOutcome out = run_text(text);
  EXPECT_EQ(out.kind, VMResult::Kind::Ok) << out.error << "\n" << text;
  return out.value;
}

void expect_value(std::string_view text, const Value& want) {
  const Value got = value_of(text);
  EXPECT_TRUE(identical(got, want)) << "got " << got.to_str() << " (" << value_type_name(got.type())
                                    << "), want " << want.to_str() << " (" << value_type_name(want.type())
                                    << ")\n"
                                    << text;
}

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

TEST(InterpArithmetic, IntsWrapAround) {
  expect_value("LoadInt 9223372036854775807\nLoadInt 1\nAdd\n", I(kMin));
  expect_value("LoadInt -9223372036854775808\nLoadInt 1\nSub\n", I(kMax));
  expect_value("LoadInt 4611686018427387904\nLoadInt 4\nMul\n", I(0));
  expect_value("LoadInt -9223372036854775808\nNegate\n", I(kMin));
}

TEST(InterpArithmetic, MixedOperandsGoThroughFloat) {
  expect_value("LoadInt 1\nLoadFloat 0.5\nAdd\n", F(1.5));
  expect_value("LoadConst Str \"2.5\"\nLoadInt 2\nMul\n", F(5.0));
  expect_value("LoadConst Str \"abc\"\nLoadInt 2\nAdd\n", F(2.0));
  expect_value("LoadTrue\nLoadInt 2\nAdd\n", F(3.0));
}

TEST(InterpArithmetic, DivisionIsFloatAndZeroDivisorGivesUndef) {
  expect_value("LoadInt 7\nLoadInt 2\nDiv\n", F(3.5));
  expect_value("LoadInt 7\nLoadInt 0\nDiv\n", Value());
  expect_value("LoadInt 0\nLoadFloat -0.0\nDiv\n", Value());
  expect_value("LoadInt 1\nLoadConst Str \"abc\"\nDiv\n", Value());
}

TEST(InterpArithmetic, ModuloRules) {
  expect_value("LoadInt -7\nLoadInt 3\nMod\n", I(-1));  // the dividend's sign
  expect_value("LoadInt 7\nLoadInt 0\nMod\n", I(0));
  expect_value("LoadInt -9223372036854775808\nLoadInt -1\nMod\n", I(0));  // DEVIATIONS.md B
  expect_value("LoadFloat 7.5\nLoadInt 2\nMod\n", F(1.5));
  const Value nan = value_of("LoadFloat 1.0\nLoadInt 0\nLoadFloat 0.5\nAdd\nMod\n");
  EXPECT_FALSE(nan.is_float() && std::isnan(nan.as_float())) << "1.0 % 0.5 is 0.0, not NaN";
  const Value by_zero = value_of("LoadFloat 1.5\nLoadFloat 0.0\nMod\n");
  EXPECT_TRUE(by_zero.is_float() && std::isnan(by_zero.as_float())) << "float % 0 is NaN";
}

TEST(InterpComparison, IntsExactlyOthersAsFloats) {
  // 2^53 + 1 and 2^53 are equal as doubles but not as Ints.
  expect_value("LoadInt 9007199254740993\nLoadInt 9007199254740992\nNumGt\n", Value::boolean(true));
  expect_value("LoadInt 9007199254740993\nLoadFloat 9007199254740992.0\nNumGt\n", Value::boolean(false));
  expect_value("LoadFloat nan\nLoadFloat nan\nNumNe\n", Value::boolean(true));
  expect_value("LoadFloat nan\nLoadInt 1\nNumLt\n", Value::boolean(false));
  expect_value("LoadFloat nan\nLoadInt 1\nNumGe\n", Value::boolean(false));
  expect_value("LoadInt 3\nLoadInt 5\nSpaceship\n", I(-1));
  expect_value("LoadConst Str \"10\"\nLoadConst Str \"9\"\nStrLt\n", Value::boolean(true));
  expect_value("LoadConst Str \"10\"\nLoadConst Str \"9\"\nNumLt\n", Value::boolean(false));
}

TEST(InterpStack, ShufflingOps) {
  expect_value("LoadInt 1\nLoadInt 2\nSwap\nMakeArray 2\n", Value::array({I(2), I(1)}));
  expect_value("LoadInt 1\nLoadInt 2\nLoadInt 3\nRot\nMakeArray 3\n", Value::array({I(2), I(3), I(1)}));
  expect_value("LoadInt 1\nLoadInt 2\nDup2\nMakeArray 4\n", Value::array({I(1), I(2), I(1), I(2)}));
  expect_value("LoadInt 1\nDup\nAdd\n", I(2));
  expect_value("LoadInt 1\nLoadInt 2\nPop\n", I(1));
}

TEST(InterpVariables, GlobalsAndSlots) {
  expect_value(".name x\nLoadInt 5\nSetVar x\nGetVar x\nGetVar x\nMul\n", I(25));
  expect_value("LoadInt 5\nSetSlot 3\nGetSlot 3\nGetSlot 2\nMakeArray 2\n", Value::array({I(5), Value()}));
}

TEST(InterpRun, EndsOkHaltedOrError) {
  EXPECT_EQ(run_text("LoadInt 1\n").kind, VMResult::Kind::Ok);
  EXPECT_EQ(run_text("LoadInt 1\nPop\n").kind, VMResult::Kind::Halted);
  EXPECT_EQ(run_text("").kind, VMResult::Kind::Halted);
  EXPECT_EQ(run_text(".name a\nLoadInt 1\nLoadInt -1\nArraySet a\n").kind, VMResult::Kind::Error);
}

TEST(InterpRun, AFinishedRunHandsOutTheRestOfTheStack) {
  VM vm(test::assemble_text("LoadInt 1\nLoadInt 2\n"));
  EXPECT_EQ(vm.run().value().as_int(), 2);
  EXPECT_EQ(vm.run().value().as_int(), 1);
  EXPECT_TRUE(vm.run().is_halted());
  vm.reset();
  EXPECT_EQ(vm.run().value().as_int(), 2) << "reset() starts over";
}

TEST(InterpRun, AnErrorStopsTheVmUntilReset) {
  VM vm(test::assemble_text(".name a\nLoadInt 1\nLoadInt -1\nArraySet a\n"));
  const VMResult first = vm.run();
  ASSERT_TRUE(first.is_error());
  const VMResult again = vm.run();
  ASSERT_TRUE(again.is_error());
  EXPECT_NE(again.error().find("must be reset()"), std::string::npos) << again.error();
  vm.reset();
  EXPECT_EQ(vm.run().error(), first.error());
}

TEST(InterpErrors, MessagesNameSourceLineIndexAndOp) {
  const auto out = run_text(".name a\n.line 12\nLoadInt 1\nLoadInt -1\n.line 13\nArraySet a\n");
  EXPECT_EQ(out.error, "test.fvm:13 (ip 2, ArraySet): index -1 out of range");
  EXPECT_EQ(out.code, ErrorCode::RuntimeError);
}

TEST(InterpErrors, AnUnverifiableChunkIsRefusedWithTheVerifierMessage) {
  const auto out = run_text("LoadInt 1\nAdd\n");  // an underflow the verifier proves
  EXPECT_EQ(out.kind, VMResult::Kind::Error);
  EXPECT_EQ(out.code, ErrorCode::VerifyFailed);
}

TEST(InterpErrors, RuntimeStackUnderflowIsAnErrorWithTheFrameContents) {
  // The verifier cannot see through a builtin, so this underflow is found at run time.
  VM vm(test::assemble_text("CallBuiltin 1 0\nAdd\n"));
  vm.register_builtin(1, [](VM&, uint8_t) { return Value::integer(1); });
  const VMResult r = vm.run();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::StackUnderflow);
  EXPECT_NE(r.error().find("(ip 1, Add): stack underflow: Add needs 2 values but the frame has 1"),
            std::string::npos)
      << r.error();
}

TEST(InterpOutput, PrintGoesToTheOutputSink) {
  VM vm(test::assemble_text("LoadConst Str \"a\"\nLoadInt 1\nPrintLn 2\nLoadFloat 2.5\nPrint 1\n"));
  std::string out;
  vm.set_output([&](std::string_view t) { out += t; });
  EXPECT_TRUE(vm.run().is_halted());
  EXPECT_EQ(out, "a1\n2.5");
}

TEST(InterpCounting, OpsExecutedIsExact) {
  // 3 ops before the loop; 5 per iteration (test, 3 body ops, jump) for 10 iterations; the
  // final test; 1 after.
  const auto out = run_text(
      "LoadInt 0\nSetSlot 0\nNop\n"
      "top: SlotLtIntJumpIfFalse 0 10 done\nNop\nNop\nPreIncSlotVoid 0\nJump top\n"
      "done: GetSlot 0\n");
  EXPECT_EQ(out.ops, 3u + 10u * 5u + 1u + 1u);
  // A fused whole loop counts itself and one per iteration.
  const auto fused = run_text("LoadInt 0\nSetSlot 0\nLoadInt 0\nSetSlot 1\nAccumSumLoop 0 1 100\nGetSlot 0\n");
  EXPECT_EQ(fused.ops, 4u + 1u + 100u + 1u);
  EXPECT_EQ(fused.value.as_int(), 4950);
}

TEST(InterpTrace, EveryOpIsReportedInOrder) {
  VM vm(test::assemble_text("LoadInt 0\nSetSlot 0\ntop: SlotLtIntJumpIfFalse 0 2 done\n"
                            "GetSlot 0\nLoadInt 1\nAdd\nSetSlot 0\nJump top\ndone: GetSlot 0\n"));
  std::vector<size_t> ips;
  std::vector<Op> ops;
  vm.set_trace([&](const TraceEvent& e) {
    ips.push_back(e.ip);
    ops.push_back(e.op);
  });
  ASSERT_TRUE(vm.run().is_ok());
  const std::vector<size_t> want = {0, 1, 2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6, 7, 2, 8};
  EXPECT_EQ(ips, want) << "the trace shows chunk ops, never the VM's quick ops";
  EXPECT_EQ(ips.size(), vm.stats().ops_executed);
  EXPECT_EQ(ops[5], Op::Add);
}

TEST(InterpQuickening, SwitchingItOffGivesTheSameRun) {
  const char* text =
      "LoadFloat 0.5\nSetSlot 1\nLoadInt 0\nSetSlot 0\n"
      "top: GetSlot 0\nLoadInt 1000\nNumLt\nJumpIfFalse done\n"
      "GetSlot 1\nLoadFloat 1.5\nMul\nLoadInt 3\nMod\nSetSlot 1\n"
      "GetSlot 0\nLoadInt 1\nAdd\nSetSlot 0\nJump top\ndone: GetSlot 1\nGetSlot 0\nMakeArray 2\n";
  test::RunOptions options;
  options.slots_to_read = 2;
  const auto quick = run_text(text, options);
  options.quicken = false;
  const auto plain = run_text(text, options);
  EXPECT_EQ(test::outcome_difference(quick, plain), "");
  EXPECT_EQ(quick.kind, VMResult::Kind::Ok);
}

}  // namespace
}  // namespace fusevm
