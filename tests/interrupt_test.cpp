// VM::interrupt() called from another thread stops a run wherever it is: in the interpreter
// (also inside calls and block bodies), in a block-tier native loop and in a trace. Part of the
// thread tests, which CI also runs under ThreadSanitizer.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "fusevm/vm.h"
#include "run_outcome.h"
#if FUSEVM_HAS_JIT
#include "trace_support.h"
#endif

namespace fusevm::test {
namespace {

// Runs `vm` while another thread interrupts it after `delay`.
VMResult run_interrupted(VM& vm, std::chrono::milliseconds delay) {
  std::atomic<bool> sent{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(delay);
    vm.interrupt();
    sent = true;
  });
  VMResult r = vm.run();
  stopper.join();
  EXPECT_TRUE(sent);
  return r;
}

TEST(Interrupt, AnotherThreadStopsAnInterpretedRun) {
  VM vm(assemble_text("top: Nop\nJump top\n"));
  vm.set_jit(false);
  const VMResult r = run_interrupted(vm, std::chrono::milliseconds(50));
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::Interrupted);
  EXPECT_NE(r.error().find("interrupted"), std::string::npos);
  // The flag clears when the next run starts.
  vm.reset(assemble_text("LoadInt 1\n"));
  EXPECT_TRUE(vm.run().is_ok());
}

TEST(Interrupt, ReachesLoopsInsideCallsAndBlocks) {
  VM vm(assemble_text(
      ".sub spin spin_entry\n.block b = body end\n"
      "LoadInt 1\nLoadInt 2\nMakeArray 2\nForEachBlock b\nJump end\n"
      "body: Pop\nCall spin 0\n"
      "spin_entry: top: Nop\nJump top\n"
      "end:\n"));
  const VMResult r = run_interrupted(vm, std::chrono::milliseconds(30));
  EXPECT_EQ(r.error_code(), ErrorCode::Interrupted) << r.error();
}

#if FUSEVM_HAS_JIT
TEST(Interrupt, StopsABlockTierNativeLoop) {
  ScopedConfig config(jit::TraceJitConfig::eager());
  VM vm(assemble_text("LoadInt 0\nSetSlot 0\nloop: PreIncSlotVoid 0\nJump loop\n"));
  const VMResult r = run_interrupted(vm, std::chrono::milliseconds(50));
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::Interrupted);
  EXPECT_GT(vm.stats().jit_ops, 1000u);
}

TEST(Interrupt, StopsATracedLoop) {
  ScopedConfig cfg(traced());
  VM vm(assemble_text("LoadInt 0\nSetSlot 0\nloop: PreIncSlotVoid 0\nGetSlot 0\nLoadInt 0\nNumGt\nJumpIfTrue loop\n"));
  const VMResult r = run_interrupted(vm, std::chrono::milliseconds(50));
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::Interrupted);
  EXPECT_GT(vm.stats().trace_entries, 0u);
}
#endif

}  // namespace
}  // namespace fusevm::test
