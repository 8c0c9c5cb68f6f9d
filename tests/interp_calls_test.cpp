// Calls and frames: subs with arguments on the stack, returns, recursion, slots per frame,
// PushFrame/PopFrame scopes, and the call-depth limit.
#include <gtest/gtest.h>

#include "fusevm/vm.h"
#include "run_outcome.h"

namespace fusevm {
namespace {

using test::run_text;

// fib(n) with the argument in slot 0 of each call.
constexpr const char* kFib =
    ".sub fib fib_entry\n"
    "        LoadInt 20\n"
    "        Call fib 1\n"
    "        Jump end\n"
    "fib_entry:\n"
    "        SetSlot 0\n"
    "        GetSlot 0\n"
    "        LoadInt 2\n"
    "        NumLt\n"
    "        JumpIfFalse recurse\n"
    "        GetSlot 0\n"
    "        ReturnValue\n"
    "recurse: GetSlot 0\n"
    "        LoadInt 1\n"
    "        Sub\n"
    "        Call fib 1\n"
    "        GetSlot 0\n"
    "        LoadInt 2\n"
    "        Sub\n"
    "        Call fib 1\n"
    "        Add\n"
    "        ReturnValue\n"
    "end:\n";

TEST(InterpCalls, RecursionWithSlotsPerFrame) {
  const auto out = run_text(kFib);
  ASSERT_EQ(out.kind, VMResult::Kind::Ok) << out.error;
  EXPECT_EQ(out.value.as_int(), 6765);
}

TEST(InterpCalls, ArgumentsArriveInOrderWithTheLastOnTop) {
  const auto out = run_text(
      ".sub f f_entry\n"
      "LoadInt 10\nLoadInt 3\nCall f 2\nJump end\n"
      "f_entry: Sub\nReturnValue\n"  // 10 - 3
      "end:\n");
  EXPECT_EQ(out.value.as_int(), 7);
}

TEST(InterpCalls, ReturnWithoutValueLeavesTheCallerStackAsItWas) {
  const auto out = run_text(
      ".sub f f_entry\n"
      "LoadInt 1\nLoadInt 2\nLoadInt 3\nCall f 1\nMakeArray 9\nJump end\n"
      "f_entry: LoadInt 99\nReturn\n"  // drops its argument and its own value
      "end:\n");
  EXPECT_EQ(out.value.to_str(), "1 2");
}

TEST(InterpCalls, CallerSlotsSurviveTheCall) {
  const auto out = run_text(
      ".sub f f_entry\n"
      "LoadInt 7\nSetSlot 0\nLoadInt 1\nCall f 1\nGetSlot 0\nMakeArray 2\nJump end\n"
      "f_entry: SetSlot 0\nLoadInt 100\nSetSlot 0\nGetSlot 0\nReturnValue\n"
      "end:\n");
  EXPECT_EQ(out.value.to_str(), "100 7");
}

TEST(InterpCalls, UndefinedFunctionIsAnError) {
  const auto out = run_text(".name nope\nCall nope 0\n");
  EXPECT_EQ(out.kind, VMResult::Kind::Error);
  EXPECT_NE(out.error.find("(ip 0, Call): undefined function: nope"), std::string::npos) << out.error;
}

TEST(InterpCalls, RunawayRecursionHitsTheDepthLimitAndTheVmStaysUsable) {
  const char* text = ".sub f f_entry\nCall f 0\nJump end\nf_entry: Call f 0\nReturnValue\nend:\n";
  VMLimits limits;
  limits.max_call_depth = 500;
  VM vm(test::assemble_text(text), limits);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::CallDepthExceeded);
  EXPECT_NE(r.error().find("call depth limit exceeded (500 frames"), std::string::npos) << r.error();
  vm.reset();
  r = vm.run();
  EXPECT_EQ(r.error_code(), ErrorCode::CallDepthExceeded) << "the same again after reset()";
}

TEST(InterpCalls, DeepRecursionWithinTheLimitWorks) {
  // 9000 nested calls: no C++ recursion, so no native stack overflow.
  const auto out = run_text(
      ".sub down down_entry\n"
      "LoadInt 9000\nCall down 1\nJump end\n"
      "down_entry: SetSlot 0\nGetSlot 0\nLoadInt 0\nNumEq\nJumpIfFalse more\nLoadInt 0\nReturnValue\n"
      "more: GetSlot 0\nLoadInt 1\nSub\nCall down 1\nLoadInt 1\nAdd\nReturnValue\n"
      "end:\n");
  ASSERT_EQ(out.kind, VMResult::Kind::Ok) << out.error;
  EXPECT_EQ(out.value.as_int(), 9000);
}

TEST(InterpFrames, ScopesHaveFreshSlotsAndDropTheirValues) {
  const auto out = run_text(
      "LoadInt 1\nSetSlot 0\n"
      "LoadInt 5\n"  // stays below the scope
      "PushFrame\nGetSlot 0\nLoadInt 9\nSetSlot 0\nLoadInt 42\nPopFrame\n"
      "GetSlot 0\nMakeArray 9\n");
  EXPECT_EQ(out.value.to_str(), "5 1") << "the scope's slot 0 and its values are gone";
}

TEST(InterpFrames, ReturnLeavesOpenScopesOfTheCall) {
  const auto out = run_text(
      ".sub f f_entry\n"
      "Call f 0\nJump end\n"
      "f_entry: PushFrame\nPushFrame\nLoadInt 3\nReturnValue\n"
      "end:\n");
  ASSERT_EQ(out.kind, VMResult::Kind::Ok) << out.error;
  EXPECT_EQ(out.value.as_int(), 3);
}

TEST(InterpFrames, ScopesCountTowardsTheDepthLimit) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "PushFrame\n";
  test::RunOptions options;
  options.limits.max_call_depth = 10;
  const auto out = run_text(text, options);
  EXPECT_EQ(out.code, ErrorCode::CallDepthExceeded);
}

}  // namespace
}  // namespace fusevm
