// Limits an embedder sets: fuel, stack size, call depth (interp_calls_test.cpp), memory, and the
// interrupt flag (interrupt_test.cpp, with the thread tests). Each stops the run with its own
// error and leaves the VM usable after reset().
#include <gtest/gtest.h>

#include "fusevm/vm.h"
#include "run_outcome.h"

namespace fusevm {
namespace {

constexpr const char* kForever = "top: Nop\nJump top\n";

TEST(InterpLimits, FuelStopsARunawayLoop) {
  VMLimits limits;
  limits.fuel = 1000;
  VM vm(test::assemble_text(kForever), limits);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::FuelExhausted);
  EXPECT_NE(r.error().find("instruction budget exhausted (1000 instructions"), std::string::npos) << r.error();
  EXPECT_GT(vm.stats().ops_executed, 1000u);
  EXPECT_LT(vm.stats().ops_executed, 1003u) << "checked at every taken jump";
  vm.reset();
  EXPECT_EQ(vm.run().error_code(), ErrorCode::FuelExhausted);
}

TEST(InterpLimits, FuelIsPerRunAndEnoughFuelIsNoError) {
  VMLimits limits;
  limits.fuel = 100;
  VM vm(test::assemble_text("LoadInt 0\nSetSlot 0\ntop: SlotLtIntJumpIfFalse 0 10 done\nPreIncSlotVoid 0\n"
                            "Jump top\ndone: GetSlot 0\n"),
        limits);
  EXPECT_EQ(vm.run().value().as_int(), 10);
  vm.reset();
  EXPECT_EQ(vm.run().value().as_int(), 10);
}

TEST(InterpLimits, FuelCoversFusedWholeLoops) {
  test::RunOptions options;
  options.limits.fuel = 50;
  const auto out = test::run_text("LoadInt 0\nSetSlot 0\nLoadInt 0\nSetSlot 1\nAccumSumLoop 0 1 1000000\n", options);
  EXPECT_EQ(out.code, ErrorCode::FuelExhausted);
}

TEST(InterpLimits, StackLimitStopsUnboundedPushes) {
  VMLimits limits;
  limits.max_stack = 100;
  VM vm(test::assemble_text("top: LoadInt 1\nJump top\n"), limits);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::StackOverflow);
  EXPECT_NE(r.error().find("(ip 0, LoadInt): stack overflow: more than 100 values"), std::string::npos)
      << r.error();
  vm.reset();
  EXPECT_EQ(vm.run().error_code(), ErrorCode::StackOverflow);
}

TEST(InterpLimits, StackLimitBelowTheInitialStackStillHolds) {
  test::RunOptions options;
  options.limits.max_stack = 3;
  EXPECT_EQ(test::run_text("LoadInt 1\nLoadInt 2\nLoadInt 3\nMakeArray 3\n", options).kind, VMResult::Kind::Ok);
  EXPECT_EQ(test::run_text("LoadInt 1\nLoadInt 2\nLoadInt 3\nLoadInt 4\n", options).code,
            ErrorCode::StackOverflow);
}

TEST(InterpLimits, MemoryLimitStopsAGrowingString) {
  // s = "x"; loop: s = s . s  (doubles until the ceiling)
  VMLimits limits;
  limits.memory_limit = 1 << 20;
  VM vm(test::assemble_text("LoadConst Str \"x\"\nSetSlot 0\n"
                            "top: GetSlot 0\nGetSlot 0\nConcat\nSetSlot 0\nJump top\n"),
        limits);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::MemoryLimit);
  EXPECT_NE(r.error().find("memory limit exceeded"), std::string::npos) << r.error();
  EXPECT_LE(vm.stats().peak_memory, size_t{1} << 20);
  vm.reset();
  EXPECT_EQ(vm.run().error_code(), ErrorCode::MemoryLimit);
}

TEST(InterpLimits, MemoryLimitCoversArraysAndHashes) {
  test::RunOptions options;
  options.limits.memory_limit = 256 * 1024;
  const auto arrays = test::run_text(".name a\ntop: LoadInt 1\nArrayPush a\nJump top\n", options);
  EXPECT_EQ(arrays.code, ErrorCode::MemoryLimit);
  const auto hashes = test::run_text(
      ".name h\nLoadInt 0\nSetSlot 0\n"
      "top: GetSlot 0\nGetSlot 0\nHashSet h\nPreIncSlotVoid 0\nJump top\n",
      options);
  EXPECT_EQ(hashes.code, ErrorCode::MemoryLimit);
}



}  // namespace
}  // namespace fusevm
