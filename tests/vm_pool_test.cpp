// VMPool: bounded size, reuse, blocking and non-blocking acquisition, results that outlive the
// lease, and many threads at once.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "fusevm/vm_pool.h"
#include "run_outcome.h"
#include "test_support.h"

namespace fusevm {
namespace {

// Builds the string "n=<slot 0 * 2>" from builtin 1's argument.
Chunk doubling_chunk() {
  return test::assemble_text(
      "CallBuiltin 1 0\nLoadInt 2\nMul\nSetSlot 0\nLoadConst Str \"n=\"\nGetSlot 0\nConcat\n");
}

VMPool::Setup counting_setup(std::atomic<int>& setups, std::atomic<int64_t>& next) {
  return [&setups, &next](VM& vm) {
    ++setups;
    vm.register_builtin(1, [&next](VM&, uint8_t) { return Value::integer(next++); });
  };
}

TEST(VMPool, CreatesOnDemandAndReusesVms) {
  std::atomic<int> setups{0};
  std::atomic<int64_t> next{1};
  VMPool pool(doubling_chunk(), 2, {}, counting_setup(setups, next));
  EXPECT_EQ(pool.created(), 0u);
  for (int i = 0; i < 5; ++i) {
    VMPool::Lease lease = pool.acquire();
    EXPECT_TRUE(lease.run().is_ok());
  }
  EXPECT_EQ(pool.created(), 1u) << "one at a time needs one VM";
  EXPECT_EQ(setups.load(), 1);
  EXPECT_EQ(pool.idle(), 1u);
}

TEST(VMPool, IsBoundedAndTryAcquireDoesNotWait) {
  std::atomic<int> setups{0};
  std::atomic<int64_t> next{1};
  VMPool pool(doubling_chunk(), 2, {}, counting_setup(setups, next));
  auto a = pool.try_acquire();
  auto b = pool.try_acquire();
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(pool.try_acquire().has_value());
  EXPECT_FALSE(pool.acquire_for(std::chrono::milliseconds(10)).has_value());
  a->release();
  EXPECT_TRUE(pool.try_acquire().has_value());
  EXPECT_EQ(pool.created(), 2u);
}

TEST(VMPool, ResultsOutliveTheLeaseAndVmsComeBackClean) {
  std::atomic<int> setups{0};
  std::atomic<int64_t> next{20};
  VMPool pool(doubling_chunk(), 1, {}, counting_setup(setups, next));
  Value first;
  {
    VMPool::Lease lease = pool.acquire();
    first = lease.run().value();
    lease->set_limits(VMLimits{.fuel = 1});  // a holder's change does not stay with the VM
  }
  VMPool::Lease again = pool.acquire();
  EXPECT_EQ(again.run().value().to_str(), "n=42");
  EXPECT_EQ(first.to_str(), "n=40");
  EXPECT_EQ(again->limits().fuel, 0u);
}

// The pool hands each VM a deep copy of its chunk (threads_test.cpp runs it under TSan).
TEST(VMPool, ChunkDeepCopiesAreEqual) {
  for (const auto& path : test::vector_files()) {
    const Chunk chunk = test::load_vector_chunk(path);
    const Chunk copy = chunk.deep_copy();
    EXPECT_TRUE(copy == chunk) << path;
    EXPECT_EQ(copy.content_hash, chunk.content_hash) << path;
  }
}

TEST(VMPool, ManyThreadsShareAFewVms) {
  std::atomic<int> setups{0};
  std::atomic<int64_t> next{0};
  VMPool pool(doubling_chunk(), 3, {}, counting_setup(setups, next));
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        VMPool::Lease lease = pool.acquire();
        const VMResult r = lease.run();
        if (r.is_ok() && r.value().to_str().rfind("n=", 0) == 0) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8 * 200);
  EXPECT_LE(pool.created(), 3u);
  EXPECT_EQ(pool.idle(), pool.created());
}

}  // namespace
}  // namespace fusevm
