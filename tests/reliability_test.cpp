// Hostile programs and failing memory: every allocation of every conformance program is made to
// fail in turn, and each failure must end the run with an out-of-memory error and leave a VM that,
// after reset(), gives the clean result again. Also the limits the security document promises: a
// 10 GiB string stops at the memory ceiling, a 1 GiB chunk is refused by size before parsing, and
// unbounded recursion through calls and blocks stops at the depth limit.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "fusevm/formats.h"
#include "fusevm/jit.h"
#include "fusevm/vm.h"
#include "run_outcome.h"
#include "test_support.h"

namespace fusevm {
namespace {

struct Observed {
  VMResult::Kind kind = VMResult::Kind::Halted;
  ErrorCode code = ErrorCode::Ok;
  std::string error;
  Value value;
  std::string out;
};

Observed run_once(VM& vm) {
  Observed o;
  vm.set_output([&o](std::string_view text) { o.out += text; });
  vm.set_input([]() -> std::optional<std::string> { return std::nullopt; });
  const VMResult r = vm.run();
  o.kind = r.kind();
  o.code = r.error_code();
  o.error = r.error();
  o.value = r.value();
  return o;
}

bool same(const Observed& a, const Observed& b) {
  const bool both_nan = a.value.is_float() && b.value.is_float() && a.value.as_float() != a.value.as_float() &&
                        b.value.as_float() != b.value.as_float();
  return a.kind == b.kind && a.code == b.code && a.error == b.error && a.out == b.out &&
         (both_nan || identical(a.value, b.value));
}

struct InjectionTally {
  uint64_t runs = 0;
  uint64_t injected = 0;
};

// Fails allocation 1, 2, ... of `chunk` (each in a run of its own) until a run makes fewer
// allocations than the failing one, or `max_n` is reached. Returns false (and records a test
// failure) at the first run that does not end as the contract says.
bool inject_every_allocation(const std::string& name, const Chunk& chunk, bool jit, uint64_t max_n,
                             InjectionTally& tally) {
  VM clean_vm(chunk);
  clean_vm.set_jit(jit);
  const Observed clean = run_once(clean_vm);
  VM vm(chunk);
  vm.set_jit(jit);
  for (uint64_t n = 1; n <= max_n; ++n) {
    vm.inject_allocation_failure(n);
    const Observed failed = run_once(vm);
    ++tally.runs;
    vm.inject_allocation_failure(0);
    const bool was_injected = failed.code == ErrorCode::OutOfMemory &&
                              failed.error.find("injected failure of allocation " + std::to_string(n)) !=
                                  std::string::npos;
    if (!was_injected) {
      // The run made fewer than n allocations, so it must have been the clean run.
      EXPECT_TRUE(same(failed, clean)) << name << ": with allocation " << n
                                       << " failing, a run that never reached it differs from the "
                                          "clean run; error: "
                                       << failed.error;
      return !::testing::Test::HasFailure();
    }
    ++tally.injected;
    // The error names where it happened, like every run-time error.
    EXPECT_NE(failed.error.find("(ip "), std::string::npos) << name << ": " << failed.error;
    vm.reset();
    const Observed again = run_once(vm);
    ++tally.runs;
    if (!same(again, clean)) {
      ADD_FAILURE() << name << ": after allocation " << n << " failed and reset(), the rerun differs ("
                    << again.error << " vs " << clean.error << ")";
      return false;
    }
    vm.reset();
  }
  return true;
}

// Every vector's program, every allocation failing in turn (up to 300 per program).
void inject_over_vectors(bool jit) {
  jit::JitCompiler& jc = jit::JitCompiler::global();
  const jit::TraceJitConfig saved = jc.config();
  if (jit) jc.set_config(jit::TraceJitConfig::eager());
  InjectionTally tally;
  size_t programs = 0;
  for (const auto& path : test::vector_files()) {
    const Chunk chunk = test::load_vector_chunk(path);
    if (!inject_every_allocation(path.filename().string(), chunk, jit, 300, tally)) break;
    ++programs;
  }
  jc.set_config(saved);
  EXPECT_EQ(programs, test::vector_files().size());
  EXPECT_GT(tally.injected, 1000u) << "the vectors allocate; injection must have hit them";
  std::printf("[ fault injection ] %zu programs, %llu runs, %llu injected failures%s\n", programs,
              static_cast<unsigned long long>(tally.runs), static_cast<unsigned long long>(tally.injected),
              jit ? " (JIT eager)" : "");
}

TEST(FaultInjection, EveryAllocationOfEveryVectorFailsCleanly) { inject_over_vectors(false); }

#if FUSEVM_HAS_JIT
TEST(FaultInjection, EveryAllocationFailsCleanlyWithTheJit) { inject_over_vectors(true); }
#endif

TEST(FaultInjection, AllocatingLoopsAndBlocksFailAtEveryStep) {
  // A program that allocates in many ops: strings, arrays, hashes, blocks, sort, join, split.
  const Chunk chunk = test::assemble_text(
      ".name a\n.name h\n.block sq = sq_body sq_end\n.block cmp = cmp_body cmp_end\n"
      "LoadInt 0\nSetSlot 0\n"
      "top: SlotLtIntJumpIfFalse 0 40 done\n"
      "GetSlot 0\nArrayPush a\n"
      "GetSlot 0\nLoadConst Str \"k\"\nGetSlot 0\nConcat\nHashSet h\n"
      "PreIncSlotVoid 0\nJump top\n"
      "done: GetArray a\nMapBlock sq\nSortBlock cmp\nPrintLn 1\n"
      "LoadConst Str \"ab\"\nArrayLen a\nStringRepeat\nPrintLn 1\nHashKeys h\nStringLen\nJump cmp_end\n"
      "sq_body: Dup\nMul\nsq_end:\n"
      "cmp_body: Swap\nSpaceship\ncmp_end:\n");
  InjectionTally tally;
  EXPECT_TRUE(inject_every_allocation("allocating program", chunk, false, 2000, tally));
  EXPECT_GT(tally.injected, 50u);
}

TEST(FaultInjection, InjectionIsPerRunAndOffByDefault) {
  const Chunk chunk = test::assemble_text("LoadConst Str \"a\"\nLoadConst Str \"b\"\nConcat\n");
  VM vm(chunk);
  EXPECT_EQ(run_once(vm).value.to_str(), "ab");
  vm.inject_allocation_failure(1);
  vm.reset();
  const Observed failed = run_once(vm);
  EXPECT_EQ(failed.code, ErrorCode::OutOfMemory) << failed.error;
  EXPECT_NE(failed.error.find("test.fvm"), std::string::npos) << failed.error;
  // The VM refuses to run on until reset(), and then fails the same way while injection is on.
  EXPECT_NE(run_once(vm).error.find("must be reset()"), std::string::npos);
  vm.reset();
  EXPECT_EQ(run_once(vm).code, ErrorCode::OutOfMemory);
  vm.inject_allocation_failure(0);
  vm.reset();
  EXPECT_EQ(run_once(vm).value.to_str(), "ab");
}

// ── Limits ──

TEST(Limits, TenGibStringStopsAtTheMemoryCeiling) {
  VMLimits limits;
  limits.memory_limit = size_t{64} << 20;
  VM vm(test::assemble_text("LoadConst Str \"x\"\nLoadInt 10737418240\nStringRepeat\nStringLen\n"), limits);
  const Observed o = run_once(vm);
  EXPECT_EQ(o.code, ErrorCode::MemoryLimit) << o.error;
  EXPECT_NE(o.error.find("StringRepeat"), std::string::npos) << o.error;
  EXPECT_LE(vm.stats().peak_memory, limits.memory_limit);
  // A string that fits is fine in the same VM after reset().
  vm.reset(test::assemble_text("LoadConst Str \"x\"\nLoadInt 1048576\nStringRepeat\nStringLen\n"));
  EXPECT_EQ(run_once(vm).value.to_int(), 1048576);
}

TEST(Limits, StringRepeatWhoseSizeOverflowsIsAnError) {
  // 2^62 copies of an 8-byte string: the size itself does not fit in 64 bits.
  const auto out = test::run_text("LoadConst Str \"xxxxxxxx\"\nLoadInt 4611686018427387904\nStringRepeat\n");
  EXPECT_EQ(out.kind, VMResult::Kind::Error);
  EXPECT_TRUE(out.code == ErrorCode::MemoryLimit || out.code == ErrorCode::OutOfMemory) << out.error;
}

TEST(Limits, OneGibJsonChunkIsRefusedBeforeParsing) {
  // 1 GiB of address space that is never touched: the size check must come before any read.
  constexpr size_t kGib = size_t{1} << 30;
  void* mem = mmap(nullptr, kGib, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(mem, MAP_FAILED);
  const std::string_view huge(static_cast<const char*>(mem), kGib);
  const Result<Chunk> json = chunk_from_json(huge);
  ASSERT_FALSE(json.ok());
  EXPECT_NE(json.status().message().find("LoadLimits::max_input_bytes"), std::string::npos) << json.status().message();
  EXPECT_FALSE(chunk_from_json_document(huge).ok());
  EXPECT_FALSE(assemble(huge, "huge.fvm").ok());
  EXPECT_FALSE(chunk_from_binary({static_cast<const uint8_t*>(mem), kGib}).ok());
  munmap(mem, kGib);
}

TEST(Limits, OneGibChunkFileIsRefusedBeforeReading) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("fusevm-huge-" + std::to_string(::getpid()) + ".json");
  {
    const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::ftruncate(fd, off_t{1} << 30), 0);  // sparse: no disk space used
    ::close(fd);
  }
  const Result<Chunk> loaded = load_chunk_file(path);
  std::filesystem::remove(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("larger than"), std::string::npos) << loaded.status().message();
}

TEST(Limits, UnboundedRecursionThroughBlocksStopsAtTheDepthLimit) {
  // f maps a one-element array with a block that calls f again: calls and blocks nest forever.
  const Chunk chunk = test::assemble_text(
      ".sub f f_entry\n.block b = body bend\nCall f 0\nJump bend\n"
      "f_entry: LoadInt 1\nMakeArray 1\nMapBlock b\nReturnValue\n"
      "body: Pop\nCall f 0\nbend:\n");
  for (const bool jit : {false, true}) {
    VM vm(chunk);
    vm.set_jit(jit);
    const Observed o = run_once(vm);
    EXPECT_EQ(o.code, ErrorCode::CallDepthExceeded) << o.error;
    EXPECT_NE(o.error.find("call depth limit exceeded (10000 frames"), std::string::npos) << o.error;
    vm.reset();
    EXPECT_EQ(run_once(vm).code, ErrorCode::CallDepthExceeded);
  }
}

TEST(Limits, FusedLoopsOverMoreThanInt64MaxIterationsAreExact) {
  // Found by fuzz_jit (UBSan): from INT64_MIN to 10^7 is more iterations than an int64 holds.
  const std::string loop =
      "LoadInt -9223372036854775808\nSetSlot 1\nLoadInt 0\nSetSlot 0\nAccumSumLoop 0 1 10000000\nGetSlot 0\n";
  const auto out = test::run_text(loop);
  ASSERT_EQ(out.kind, VMResult::Kind::Ok) << out.error;
  EXPECT_EQ(out.value.to_int(), -4611636018432387904);  // the wrapped closed form
  VMLimits limits;
  limits.fuel = 1000;
  VM vm(test::assemble_text(loop), limits);
  EXPECT_EQ(run_once(vm).code, ErrorCode::FuelExhausted);
  // 2^63 + 10 copies of "x" cannot exist: an out-of-memory error, not a wrapped count.
  const auto strings = test::run_text(
      "LoadInt -9223372036854775808\nSetSlot 1\nLoadConst Str \"\"\nSetSlot 0\n"
      "ConcatConstLoop Str \"x\" 0 1 10\nGetSlot 0\nStringLen\n");
  EXPECT_EQ(strings.kind, VMResult::Kind::Error);
  EXPECT_TRUE(strings.code == ErrorCode::OutOfMemory || strings.code == ErrorCode::MemoryLimit) << strings.error;
}

TEST(Limits, DeeplyNestedValuesAreBuiltPrintedAndFreedWithoutRecursing) {
  // a = [[[...0...]]] a million deep, then printed and dropped.
  const auto out = test::run_text(
      "LoadInt 0\nSetSlot 1\nLoadInt 0\nMakeArray 1\nSetSlot 0\n"
      "top: SlotLtIntJumpIfFalse 1 1000000 done\nGetSlot 0\nMakeArray 1\nSetSlot 0\n"
      "PreIncSlotVoid 1\nJump top\n"
      "done: GetSlot 0\nPrintLn 1\nLoadInt 7\n");
  EXPECT_EQ(out.kind, VMResult::Kind::Ok) << out.error;
  EXPECT_EQ(out.value.to_int(), 7);
}

}  // namespace
}  // namespace fusevm
