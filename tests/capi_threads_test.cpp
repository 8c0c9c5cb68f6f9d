// The C API's threading promises (docs/embedding.md, "Threads"), checked under ThreadSanitizer by
// the tsan preset: VMs created from one chunk by many threads at once run independently, each
// thread has its own last-error message, and fusevm_vm_interrupt stops a run from another thread.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "fusevm/fusevm.h"

namespace {

fusevm_chunk* assemble(const char* text) {
  fusevm_chunk* chunk = nullptr;
  EXPECT_EQ(fusevm_chunk_load(text, std::strlen(text), FUSEVM_FORMAT_TEXT, "threads.fvm", &chunk),
            FUSEVM_OK)
      << fusevm_last_error();
  return chunk;
}

// builtin 1: adds the thread's number (its user data) to the argument
fusevm_status add_user(fusevm_vm* vm, uint8_t, void* user) {
  int64_t x = 0;
  if (fusevm_status s = fusevm_vm_pop_int(vm, &x)) return s;
  return fusevm_vm_push_int(vm, x + *static_cast<const int64_t*>(user));
}

TEST(CApiThreads, ManyVmsFromOneChunkAtOnce) {
  // A string constant, so the VMs' copies would share reference counts if they were not deep.
  fusevm_chunk* chunk = assemble(
      ".const Str \"n=\"\n"
      "LoadInt 0\nSetSlot 0\nLoadInt 0\nSetSlot 1\n"
      "top: GetSlot 1\nLoadInt 2000\nNumLt\nJumpIfFalse end\n"
      "GetSlot 0\nGetSlot 1\nAdd\nSetSlot 0\nGetSlot 1\nInc\nSetSlot 1\nJump top\n"
      "end: LoadConst #0\nGetSlot 0\nCallBuiltin 1 1\nConcat\n");
  ASSERT_NE(chunk, nullptr);
  constexpr int kThreads = 8;
  std::vector<std::string> results(kThreads), errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const int64_t mine = t;
      fusevm_vm* vm = nullptr;
      if (fusevm_vm_new(chunk, nullptr, &vm) != FUSEVM_OK) return;
      fusevm_vm_register_builtin(vm, 1, add_user, const_cast<int64_t*>(&mine));
      for (int round = 0; round < 3; ++round) {
        fusevm_value v{};
        if (fusevm_vm_reset(vm) || fusevm_vm_run(vm, nullptr) || fusevm_vm_result(vm, &v)) break;
        results[t].assign(v.str, v.len);
      }
      fusevm_vm_free(vm);
      // Each thread's failure message is its own.
      const std::string name = "thread" + std::to_string(t) + ".fvm";
      fusevm_chunk* bad = nullptr;
      fusevm_chunk_load("Frob\n", 5, FUSEVM_FORMAT_TEXT, name.c_str(), &bad);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      errors[t] = fusevm_last_error();
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(results[t], "n=" + std::to_string(1999000 + t));
    EXPECT_NE(errors[t].find("thread" + std::to_string(t) + ".fvm:1:1"), std::string::npos)
        << errors[t];
  }
  fusevm_chunk_free(chunk);
}

TEST(CApiThreads, InterruptFromAnotherThread) {
  fusevm_chunk* chunk = assemble("top: Jump top\n");
  ASSERT_NE(chunk, nullptr);
  fusevm_vm* vm = nullptr;
  ASSERT_EQ(fusevm_vm_new(chunk, nullptr, &vm), FUSEVM_OK);
  fusevm_chunk_free(chunk);
  std::atomic<bool> done{false};
  std::thread watchdog([&] {
    // Keep asking until the run has ended: a request that lands before run() starts is cleared.
    while (!done.load()) {
      fusevm_vm_interrupt(vm);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  fusevm_outcome outcome = FUSEVM_OUTCOME_NONE;
  const fusevm_status s = fusevm_vm_run(vm, &outcome);
  done = true;
  watchdog.join();
  EXPECT_EQ(s, FUSEVM_ERR_INTERRUPTED) << fusevm_last_error();
  EXPECT_EQ(outcome, FUSEVM_OUTCOME_ERROR);
  EXPECT_NE(std::string(fusevm_last_error()).find("interrupted"), std::string::npos);
  fusevm_vm_free(vm);
}

}  // namespace
