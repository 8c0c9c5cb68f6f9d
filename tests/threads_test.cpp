// Many VMs on many threads: each thread's VM is its own, the JIT compiler and its code cache are
// shared, and a VMPool is acquired and released by many threads at once. CI runs these under
// ThreadSanitizer (the tsan preset), which fails on any data race.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "fusevm/jit.h"
#include "fusevm/vm.h"
#include "fusevm/vm_pool.h"
#include "run_outcome.h"

namespace fusevm {
namespace {

constexpr int kThreads = 16;

// sum of i*k for i < n, through a sub called once per iteration (hot enough for every JIT tier),
// then a string and an array built from it: ints, calls, jumps and allocations on every thread.
Chunk workload(int64_t k) {
  return test::assemble_text(
      ".sub times times_entry\n.name log\n"
      "LoadInt 0\nSetSlot 0\nLoadInt 0\nSetSlot 1\n"
      "top: SlotLtIntJumpIfFalse 0 2000 done\n"
      "GetSlot 1\nGetSlot 0\nCall times 1\nAdd\nSetSlot 1\nPreIncSlotVoid 0\nJump top\n"
      "done: GetSlot 1\nArrayPush log\nLoadConst Str \"sum=\"\nGetSlot 1\nConcat\nReturnValue\n"
      "times_entry: LoadInt " +
      std::to_string(k) + "\nMul\nReturnValue\n");
}

std::string expected(int64_t k) { return "sum=" + std::to_string(k * (1999 * 2000 / 2)); }

class ThreadsTest : public ::testing::TestWithParam<bool> {};

TEST_P(ThreadsTest, SixteenThreadsEachRunTheirOwnVm) {
  const bool jit = GetParam();
  jit::JitCompiler& jc = jit::JitCompiler::global();
  const jit::TraceJitConfig saved = jc.config();
  jc.set_config(jit::TraceJitConfig{});
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, jit, &good] {
      // Half the threads run the same chunk (so they share compiled code), half their own.
      const int64_t k = t % 2 == 0 ? 3 : t;
      VM vm(workload(k));
      vm.set_jit(jit);
      for (int run = 0; run < 30; ++run) {
        if (run > 0) vm.reset();
        const VMResult r = vm.run();
        if (r.is_ok() && r.value().to_str() == expected(k)) ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  jc.set_config(saved);
  EXPECT_EQ(good.load(), kThreads * 30);
}

TEST_P(ThreadsTest, InterruptsFromOtherThreadsStopOnlyTheirVm) {
  const bool jit = GetParam();
  const Chunk forever = test::assemble_text("LoadInt 0\nSetSlot 0\ntop: PreIncSlotVoid 0\nJump top\n");
  std::vector<std::unique_ptr<VM>> vms;
  for (int t = 0; t < kThreads; ++t) {
    vms.push_back(std::make_unique<VM>(t % 4 == 0 ? workload(t) : forever));
    vms.back()->set_jit(jit);
  }
  std::vector<VMResult> results(kThreads, VMResult::halted());
  std::atomic<int> finished{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      results[t] = vms[t]->run();
      ++finished;
    });
  }
  // A run clears the flag when it starts, so keep interrupting until every run has ended.
  while (finished.load() < kThreads) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    for (int t = 0; t < kThreads; ++t)
      if (t % 4 != 0) vms[t]->interrupt();
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    if (t % 4 == 0) {
      ASSERT_TRUE(results[t].is_ok()) << results[t].error();
      EXPECT_EQ(results[t].value().to_str(), expected(t));
    } else {
      EXPECT_EQ(results[t].error_code(), ErrorCode::Interrupted) << t << ": " << results[t].error();
    }
  }
}

TEST_P(ThreadsTest, PoolAcquireReleaseChurn) {
  const bool jit = GetParam();
  VMPool pool(workload(5), 4, {}, [jit](VM& vm) { vm.set_jit(jit); });
  std::atomic<int> good{0};
  std::atomic<int> waited_out{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        std::optional<VMPool::Lease> lease;
        switch ((t + i) % 3) {
          case 0: lease.emplace(pool.acquire()); break;
          case 1: lease = pool.try_acquire(); break;
          default: lease = pool.acquire_for(std::chrono::milliseconds(1)); break;
        }
        if (!lease) {
          ++waited_out;
          continue;
        }
        const VMResult r = lease->run();
        if (r.is_ok() && r.value().to_str() == expected(5)) ++good;
        if (i % 2 == 0) lease->release();  // the others go back when the lease is destroyed
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load() + waited_out.load(), kThreads * 40);
  EXPECT_GT(good.load(), kThreads * 40 / 3) << "every third attempt waits as long as it takes";
  EXPECT_LE(pool.created(), 4u);
  EXPECT_EQ(pool.idle(), pool.created());
}

INSTANTIATE_TEST_SUITE_P(Tiers, ThreadsTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "Jit" : "Interpreter";
                         });

}  // namespace
}  // namespace fusevm
