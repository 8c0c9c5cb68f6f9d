// The JIT's benchmarks: the workloads of the original's `jit_vs_interp` and `jit_crossover`
// suites (same chunks and names), loops through the block tier, and what compiling costs — a
// cold compile of a ~64-op loop, a load from the code cache on disk, a lookup in memory.
//
// Interpreter and JIT arms reuse one VM (reset() between runs), so both measure running the
// chunk, not constructing a VM; the JIT arms are warmed first (the code is compiled before the
// timed loop).
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "fusevm/builder.h"
#include "fusevm/jit.h"
#include "fusevm/vm.h"

namespace {

using namespace fusevm;

Chunk build(const std::function<void(ChunkBuilder&)>& emit) {
  ChunkBuilder b;
  b.set_fusion(false);
  emit(b);
  return std::move(b).build();
}

// Runs `chunk` on one VM, interpreted or through the JIT (eagerly compiled), with slot 0 set.
void run_vm(benchmark::State& state, const Chunk& chunk, bool jit, const Value& slot0 = Value(),
            const jit::TraceJitConfig& config = jit::TraceJitConfig::eager()) {
  jit::JitCompiler& jc = jit::JitCompiler::global();
  const jit::TraceJitConfig saved = jc.config();
  jc.set_config(config);
  VM vm(chunk);
  vm.set_jit(jit);
  auto once = [&]() {
    vm.reset();
    if (!slot0.is_undef()) vm.set_slot(0, slot0);
    return vm.run();
  };
  VMResult warm = once();
  if (warm.is_error()) {
    state.SkipWithError(warm.error().c_str());
    jc.set_config(saved);
    return;
  }
  if (jit && vm.stats().jit_entries == 0) {
    state.SkipWithError("the JIT did not compile this chunk");
    jc.set_config(saved);
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(once());
  jc.set_config(saved);
}

// ── jit_crossover ──

Chunk int_add_chain(int64_t n) {
  return build([n](ChunkBuilder& b) {
    b.emit(ins::LoadInt(0), 1);
    for (int64_t i = 0; i < n; ++i) b.emit(ins::LoadInt(1), 1), b.emit(ins::Add(), 1);
  });
}
Chunk bitwise_chain(int64_t n) {
  return build([n](ChunkBuilder& b) {
    b.emit(ins::LoadInt(0xDEADBEEF), 1);
    for (int64_t i = 0; i < n; ++i) {
      b.emit(ins::LoadInt(0xFF), 1), b.emit(ins::BitAnd(), 1);
      b.emit(ins::LoadInt(3), 1), b.emit(ins::Shl(), 1);
      b.emit(ins::LoadInt(0x1234), 1), b.emit(ins::BitXor(), 1);
    }
  });
}
void BM_IntAddCrossover_Interp(benchmark::State& s) { run_vm(s, int_add_chain(s.range(0)), false); }
void BM_IntAddCrossover_Jit(benchmark::State& s) { run_vm(s, int_add_chain(s.range(0)), true); }
void BM_BitwiseCrossover_Interp(benchmark::State& s) { run_vm(s, bitwise_chain(s.range(0)), false); }
void BM_BitwiseCrossover_Jit(benchmark::State& s) { run_vm(s, bitwise_chain(s.range(0)), true); }
BENCHMARK(BM_IntAddCrossover_Interp)->Arg(10)->Arg(50)->Arg(100)->Arg(500)->Arg(1000)->Arg(5000)->Arg(10000);
BENCHMARK(BM_IntAddCrossover_Jit)->Arg(10)->Arg(50)->Arg(100)->Arg(500)->Arg(1000)->Arg(5000)->Arg(10000);
BENCHMARK(BM_BitwiseCrossover_Interp)->Arg(10)->Arg(50)->Arg(100)->Arg(500)->Arg(1000)->Arg(5000);
BENCHMARK(BM_BitwiseCrossover_Jit)->Arg(10)->Arg(50)->Arg(100)->Arg(500)->Arg(1000)->Arg(5000);

// ── jit_vs_interp ──

Chunk slot_chain(int n, const std::function<void(ChunkBuilder&)>& step) {
  return build([&](ChunkBuilder& b) {
    b.emit(ins::GetSlot(0), 1);
    for (int i = 0; i < n; ++i) step(b);
  });
}
const Chunk& slot_add(int n) {
  static const Chunk c100 = slot_chain(100, [](ChunkBuilder& b) { b.emit(ins::LoadInt(1), 1), b.emit(ins::Add(), 1); });
  static const Chunk c1000 = slot_chain(1000, [](ChunkBuilder& b) { b.emit(ins::LoadInt(1), 1), b.emit(ins::Add(), 1); });
  return n == 100 ? c100 : c1000;
}
const Chunk& slot_mixed() {
  static const Chunk c = slot_chain(100, [](ChunkBuilder& b) {
    b.emit(ins::LoadInt(3), 1), b.emit(ins::Mul(), 1), b.emit(ins::LoadInt(7), 1), b.emit(ins::Add(), 1);
    b.emit(ins::LoadInt(2), 1), b.emit(ins::Sub(), 1);
  });
  return c;
}
const Chunk& slot_bitwise() {
  static const Chunk c = slot_chain(200, [](ChunkBuilder& b) {
    b.emit(ins::LoadInt(0xFF), 1), b.emit(ins::BitAnd(), 1), b.emit(ins::LoadInt(3), 1), b.emit(ins::Shl(), 1);
    b.emit(ins::LoadInt(0x1234), 1), b.emit(ins::BitXor(), 1);
  });
  return c;
}
const Chunk& slot_float() {
  static const Chunk c = slot_chain(200, [](ChunkBuilder& b) {
    b.emit(ins::LoadFloat(0.1), 1), b.emit(ins::Add(), 1), b.emit(ins::LoadFloat(1.001), 1), b.emit(ins::Mul(), 1);
  });
  return c;
}
void BM_SlotAdd100_Interp(benchmark::State& s) { run_vm(s, slot_add(100), false, Value::integer(42)); }
void BM_SlotAdd100_Jit(benchmark::State& s) { run_vm(s, slot_add(100), true, Value::integer(42)); }
void BM_SlotAdd1000_Interp(benchmark::State& s) { run_vm(s, slot_add(1000), false, Value::integer(42)); }
void BM_SlotAdd1000_Jit(benchmark::State& s) { run_vm(s, slot_add(1000), true, Value::integer(42)); }
void BM_SlotMixed100_Interp(benchmark::State& s) { run_vm(s, slot_mixed(), false, Value::integer(42)); }
void BM_SlotMixed100_Jit(benchmark::State& s) { run_vm(s, slot_mixed(), true, Value::integer(42)); }
void BM_SlotMixed100_Native(benchmark::State& s) {
  for (auto _ : s) {
    int64_t x = 42;
    benchmark::DoNotOptimize(x);
    for (int i = 0; i < 100; ++i) x = static_cast<int64_t>(static_cast<uint64_t>(x) * 3 + 7 - 2);
    benchmark::DoNotOptimize(x);
  }
}
void BM_SlotBitwise200_Interp(benchmark::State& s) { run_vm(s, slot_bitwise(), false, Value::integer(0xDEADBEEF)); }
void BM_SlotBitwise200_Jit(benchmark::State& s) { run_vm(s, slot_bitwise(), true, Value::integer(0xDEADBEEF)); }
void BM_SlotBitwise200_Native(benchmark::State& s) {
  for (auto _ : s) {
    int64_t x = 0xDEADBEEF;
    benchmark::DoNotOptimize(x);
    for (int i = 0; i < 200; ++i) x = ((x & 0xFF) << 3) ^ 0x1234;
    benchmark::DoNotOptimize(x);
  }
}
void BM_SlotFloat200_Interp(benchmark::State& s) { run_vm(s, slot_float(), false, Value::integer(1)); }
void BM_SlotFloat200_Jit(benchmark::State& s) { run_vm(s, slot_float(), true, Value::integer(1)); }
void BM_SlotFloat200_Native(benchmark::State& s) {
  for (auto _ : s) {
    double x = 1;
    benchmark::DoNotOptimize(x);
    for (int i = 0; i < 200; ++i) x = (x + 0.1) * 1.001;
    benchmark::DoNotOptimize(x);
  }
}
BENCHMARK(BM_SlotAdd100_Interp);
BENCHMARK(BM_SlotAdd100_Jit);
BENCHMARK(BM_SlotAdd1000_Interp);
BENCHMARK(BM_SlotAdd1000_Jit);
BENCHMARK(BM_SlotMixed100_Interp);
BENCHMARK(BM_SlotMixed100_Jit);
BENCHMARK(BM_SlotMixed100_Native);
BENCHMARK(BM_SlotBitwise200_Interp);
BENCHMARK(BM_SlotBitwise200_Jit);
BENCHMARK(BM_SlotBitwise200_Native);
BENCHMARK(BM_SlotFloat200_Interp);
BENCHMARK(BM_SlotFloat200_Jit);
BENCHMARK(BM_SlotFloat200_Native);

// ── Loops through the block tier ──

// sum of 0..n-1 with plain ops (the classic suite's sum_1M_unfused shape).
Chunk sum_loop(int64_t n) {
  return build([n](ChunkBuilder& b) {
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
    const size_t head = b.current_pos();
    b.emit(ins::GetSlot(0), 1), b.emit(ins::GetSlot(1), 1), b.emit(ins::Add(), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::PreIncSlotVoid(1), 1);
    b.emit(ins::GetSlot(1), 1), b.emit(ins::LoadInt(n), 1), b.emit(ins::NumLt(), 1);
    b.emit(ins::JumpIfTrue(head), 1);
    b.emit(ins::GetSlot(0), 1);
  });
}
Chunk nested_loop(int64_t n) {
  return build([n](ChunkBuilder& b) {
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
    const size_t outer = b.current_pos();
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(2), 1);
    const size_t inner = b.current_pos();
    b.emit(ins::GetSlot(0), 1), b.emit(ins::GetSlot(1), 1), b.emit(ins::GetSlot(2), 1), b.emit(ins::Add(), 1);
    b.emit(ins::Add(), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::SlotIncLtIntJumpBack(2, n, inner), 1);
    b.emit(ins::SlotIncLtIntJumpBack(1, n, outer), 1);
    b.emit(ins::GetSlot(0), 1);
  });
}
void BM_Sum1M_Interp(benchmark::State& s) { run_vm(s, sum_loop(1000000), false); }
void BM_Sum1M_Jit(benchmark::State& s) { run_vm(s, sum_loop(1000000), true); }
void BM_Nested100x100_Interp(benchmark::State& s) { run_vm(s, nested_loop(100), false); }
void BM_Nested100x100_Jit(benchmark::State& s) { run_vm(s, nested_loop(100), true); }
BENCHMARK(BM_Sum1M_Interp)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Sum1M_Jit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Nested100x100_Interp)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Nested100x100_Jit)->Unit(benchmark::kMicrosecond);

// ── What compiling costs ──

// A 64-op loop whose constants make every instance a different chunk.
Chunk compile_subject(int64_t k) {
  return build([k](ChunkBuilder& b) {
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
    b.emit(ins::LoadFloat(0.5), 1), b.emit(ins::SetSlot(2), 1);
    const size_t head = b.current_pos();
    b.emit(ins::GetSlot(1), 1), b.emit(ins::LoadInt(1000), 1), b.emit(ins::NumLt(), 1);
    const size_t exit = b.emit(ins::JumpIfFalse(0), 1);
    for (int r = 0; r < 4; ++r) {
      b.emit(ins::GetSlot(0), 1), b.emit(ins::GetSlot(1), 1), b.emit(ins::LoadInt(3), 1), b.emit(ins::Mul(), 1);
      b.emit(ins::LoadInt(k + r), 1), b.emit(ins::Add(), 1), b.emit(ins::Add(), 1), b.emit(ins::SetSlot(0), 1);
      b.emit(ins::GetSlot(2), 1), b.emit(ins::LoadFloat(1.25), 1), b.emit(ins::Mul(), 1), b.emit(ins::SetSlot(2), 1);
    }
    b.emit(ins::GetSlot(1), 1), b.emit(ins::LoadInt(1), 1), b.emit(ins::Add(), 1), b.emit(ins::SetSlot(1), 1);
    b.emit(ins::Jump(head), 1);
    b.patch_jump(exit, b.current_pos());
    b.emit(ins::GetSlot(0), 1);
  });
}

// The median of per-call times, as a counter (the targets are medians).
void report_median(benchmark::State& state, std::vector<double>& us) {
  if (us.empty()) return;
  std::sort(us.begin(), us.end());
  state.counters["median_us"] = us[us.size() / 2];
}

std::vector<Chunk> subjects(int64_t salt, size_t n) {
  std::vector<Chunk> out;
  for (size_t i = 0; i < n; ++i) out.push_back(compile_subject(salt + static_cast<int64_t>(i) * 8));
  return out;
}

void BM_CompileColdBlock64(benchmark::State& state) {
  jit::JitCompiler& jc = jit::JitCompiler::global();
  jc.set_cache_dir(std::string());  // "" = no disk cache: a pure compile
  static int64_t salt = 1 << 20;
  std::vector<Chunk> chunks = subjects(salt, 20000);
  salt += 1 << 20;
  size_t i = 0;
  std::vector<double> us;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    auto code = jc.compile_block(chunks[i++ % chunks.size()]);
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    if (!code.ok()) state.SkipWithError(code.message().c_str());
    benchmark::DoNotOptimize(code);
  }
  report_median(state, us);
  jc.set_cache_dir(std::nullopt);
  jc.clear_memory_cache();
}
BENCHMARK(BM_CompileColdBlock64)->Iterations(20000)->Unit(benchmark::kMicrosecond);

void BM_CachedDiskLoadBlock64(benchmark::State& state) {
  jit::JitCompiler& jc = jit::JitCompiler::global();
  char tmpl[] = "/tmp/fusevm-bench-cache-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    state.SkipWithError("mkdtemp failed");
    return;
  }
  const std::string dir = std::string(tmpl) + "/cache";
  jc.set_cache_dir(dir);
  std::vector<Chunk> chunks = subjects(-(int64_t{1} << 40), 2000);
  for (const Chunk& c : chunks) (void)jc.compile_block(c);
  size_t i = 0;
  std::vector<double> us;
  for (auto _ : state) {
    state.PauseTiming();
    jc.clear_memory_cache();  // as a new process would start
    state.ResumeTiming();
    const auto t0 = std::chrono::steady_clock::now();
    auto code = jc.compile_block(chunks[i++ % chunks.size()]);
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    if (!code.ok() || !(*code)->from_disk_cache()) state.SkipWithError("not loaded from the cache");
    benchmark::DoNotOptimize(code);
  }
  report_median(state, us);
  jc.set_cache_dir(std::nullopt);
  jc.clear_memory_cache();
  std::error_code ec;
  std::filesystem::remove_all(tmpl, ec);
}
BENCHMARK(BM_CachedDiskLoadBlock64)->Iterations(2000)->Unit(benchmark::kMicrosecond);

void BM_MemoryCacheHit(benchmark::State& state) {
  jit::JitCompiler& jc = jit::JitCompiler::global();
  const Chunk c = compile_subject(-7);
  (void)jc.compile_block(c);
  for (auto _ : state) benchmark::DoNotOptimize(jc.compile_block(c));
}
BENCHMARK(BM_MemoryCacheHit)->Unit(benchmark::kMicrosecond);

}  // namespace

// ── jit_trace: a loop with an invariant product, a branch and a float accumulator, run by the
// block tier alone and by the trace tier alone (the original's jit_trace workload) ──
namespace {

Chunk trace_loop() {
  return build([](ChunkBuilder& b) {
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);        // i
    b.emit(ins::LoadFloat(0.0), 1), b.emit(ins::SetSlot(1), 1);    // acc
    b.emit(ins::LoadInt(7), 1), b.emit(ins::SetSlot(2), 1);        // k
    const size_t loop = b.current_pos();
    b.emit(ins::GetSlot(2), 2), b.emit(ins::GetSlot(2), 2), b.emit(ins::Mul(), 2);  // k * k, invariant
    b.emit(ins::GetSlot(0), 2), b.emit(ins::Add(), 2);
    b.emit(ins::GetSlot(0), 3), b.emit(ins::LoadInt(1000), 3), b.emit(ins::Mod(), 3);
    const size_t branch = b.emit(ins::JumpIfTrue(0), 3);            // i % 1000 != 0: skip the doubling
    b.emit(ins::LoadInt(2), 4), b.emit(ins::Mul(), 4);
    b.patch_jump(branch, b.current_pos());
    b.emit(ins::GetSlot(1), 5), b.emit(ins::Add(), 5), b.emit(ins::SetSlot(1), 5);
    b.emit(ins::PreIncSlotVoid(0), 6);
    b.emit(ins::GetSlot(0), 6), b.emit(ins::LoadInt(100000), 6), b.emit(ins::NumLt(), 6);
    b.emit(ins::JumpIfTrue(static_cast<uint32_t>(loop)), 6);
    b.emit(ins::GetSlot(1), 7);
  });
}

jit::TraceJitConfig tier_only(bool trace) {
  jit::TraceJitConfig c = jit::TraceJitConfig::eager();
  c.trace_enabled = trace;
  c.block_enabled = !trace;
  c.linear_enabled = !trace;
  return c;
}

void BM_TraceLoop_Interp(benchmark::State& s) { run_vm(s, trace_loop(), false); }
void BM_TraceLoop_Block(benchmark::State& s) { run_vm(s, trace_loop(), true, Value(), tier_only(false)); }
void BM_TraceLoop_Trace(benchmark::State& s) { run_vm(s, trace_loop(), true, Value(), tier_only(true)); }
BENCHMARK(BM_TraceLoop_Interp)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TraceLoop_Block)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TraceLoop_Trace)->Unit(benchmark::kMicrosecond);

}  // namespace

