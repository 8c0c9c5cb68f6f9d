// Classic VM benchmark programs, the workloads of the original's `classic` suite: iterative and
// recursive Fibonacci, sum 1..N (plain ops, fused loop, native C++), a nested loop, Ackermann,
// dispatch throughput and string building. Each iteration constructs a VM and runs the chunk. The
// native baselines show the floor; bench/peers/ compares against other VMs.
#include <benchmark/benchmark.h>

#include <string>

#include "fusevm/builder.h"
#include "fusevm/vm.h"

namespace {

using namespace fusevm;

void run_chunk(benchmark::State& state, const Chunk& chunk, int64_t expected) {
  for (auto _ : state) {
    VM vm(chunk);
    vm.set_jit(false);  // the interpreter's suite: jit_bench.cpp has the JIT's
    VMResult r = vm.run();
    if (!r.is_ok() || (expected >= 0 && r.value().to_int() != expected)) {
      state.SkipWithError(r.is_error() ? r.error().c_str() : "wrong result");
      return;
    }
    benchmark::DoNotOptimize(r);
  }
}

ChunkBuilder unfused() {
  ChunkBuilder b;
  b.set_fusion(false);
  return b;
}

// fib(n) with a loop: a, b, i, temp in slots 0..3.
Chunk fib_iterative(int64_t n) {
  ChunkBuilder b = unfused();
  const uint16_t fib = b.add_name("fib");
  b.emit(ins::LoadInt(n), 1);
  b.emit(ins::Call(fib, 1), 1);
  const size_t to_end = b.emit(ins::Jump(0), 1);
  b.add_sub_entry(fib, b.current_pos());
  b.emit(ins::SetSlot(2), 2);
  b.emit(ins::LoadInt(0), 2), b.emit(ins::SetSlot(0), 2);
  b.emit(ins::LoadInt(1), 2), b.emit(ins::SetSlot(1), 2);
  const size_t loop = b.current_pos();
  b.emit(ins::GetSlot(2), 2), b.emit(ins::LoadInt(0), 2), b.emit(ins::NumLe(), 2);
  const size_t exit = b.emit(ins::JumpIfTrue(0), 2);
  b.emit(ins::GetSlot(0), 2), b.emit(ins::GetSlot(1), 2), b.emit(ins::Add(), 2), b.emit(ins::SetSlot(3), 2);
  b.emit(ins::GetSlot(1), 2), b.emit(ins::SetSlot(0), 2);
  b.emit(ins::GetSlot(3), 2), b.emit(ins::SetSlot(1), 2);
  b.emit(ins::GetSlot(2), 2), b.emit(ins::Dec(), 2), b.emit(ins::SetSlot(2), 2);
  b.emit(ins::Jump(loop), 2);
  b.patch_jump(exit, b.current_pos());
  b.emit(ins::GetSlot(0), 2), b.emit(ins::ReturnValue(), 2);
  b.patch_jump(to_end, b.current_pos());
  return std::move(b).build();
}

Chunk fib_recursive(int64_t n) {
  ChunkBuilder b = unfused();
  const uint16_t fib = b.add_name("fib");
  b.emit(ins::LoadInt(n), 1);
  b.emit(ins::Call(fib, 1), 1);
  const size_t to_end = b.emit(ins::Jump(0), 1);
  b.add_sub_entry(fib, b.current_pos());
  b.emit(ins::SetSlot(0), 2);
  b.emit(ins::GetSlot(0), 2), b.emit(ins::LoadInt(1), 2), b.emit(ins::NumLe(), 2);
  const size_t base = b.emit(ins::JumpIfTrue(0), 2);
  b.emit(ins::GetSlot(0), 2), b.emit(ins::Dec(), 2), b.emit(ins::Call(fib, 1), 2);
  b.emit(ins::GetSlot(0), 2), b.emit(ins::LoadInt(2), 2), b.emit(ins::Sub(), 2), b.emit(ins::Call(fib, 1), 2);
  b.emit(ins::Add(), 2), b.emit(ins::ReturnValue(), 2);
  b.patch_jump(base, b.current_pos());
  b.emit(ins::GetSlot(0), 2), b.emit(ins::ReturnValue(), 2);
  b.patch_jump(to_end, b.current_pos());
  return std::move(b).build();
}

Chunk sum_fused(int32_t n) {
  ChunkBuilder b = unfused();
  b.emit(ins::PushFrame(), 1);
  b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
  b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
  b.emit(ins::AccumSumLoop(0, 1, n), 1);
  b.emit(ins::GetSlot(0), 1);
  return std::move(b).build();
}

Chunk sum_unfused(int32_t n) {
  ChunkBuilder b = unfused();
  b.emit(ins::PushFrame(), 1);
  b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
  b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
  b.emit(ins::GetSlot(0), 1), b.emit(ins::GetSlot(1), 1), b.emit(ins::Add(), 1), b.emit(ins::SetSlot(0), 1);
  b.emit(ins::PreIncSlotVoid(1), 1);
  b.emit(ins::SlotLtIntJumpIfFalse(1, n, 12), 1);
  b.emit(ins::Jump(5), 1);
  b.emit(ins::GetSlot(0), 1);
  return std::move(b).build();
}

Chunk nested_loop(int32_t outer, int32_t inner) {
  ChunkBuilder b = unfused();
  b.emit(ins::PushFrame(), 1);
  b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
  b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
  const size_t outer_start = b.current_pos();
  b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(2), 1);
  const size_t inner_start = b.current_pos();
  b.emit(ins::GetSlot(0), 1), b.emit(ins::GetSlot(1), 1), b.emit(ins::GetSlot(2), 1);
  b.emit(ins::Add(), 1), b.emit(ins::Add(), 1), b.emit(ins::SetSlot(0), 1);
  b.emit(ins::SlotIncLtIntJumpBack(2, inner, inner_start), 1);
  b.emit(ins::SlotIncLtIntJumpBack(1, outer, outer_start), 1);
  b.emit(ins::GetSlot(0), 1);
  return std::move(b).build();
}

Chunk ackermann(int64_t m, int64_t n) {
  ChunkBuilder b = unfused();
  const uint16_t ack = b.add_name("ack");
  b.emit(ins::LoadInt(m), 1), b.emit(ins::LoadInt(n), 1), b.emit(ins::Call(ack, 2), 1);
  const size_t to_end = b.emit(ins::Jump(0), 1);
  b.add_sub_entry(ack, b.current_pos());
  b.emit(ins::SetSlot(1), 2), b.emit(ins::SetSlot(0), 2);
  b.emit(ins::GetSlot(0), 2), b.emit(ins::LoadInt(0), 2), b.emit(ins::NumEq(), 2);
  const size_t m_zero = b.emit(ins::JumpIfTrue(0), 2);
  b.emit(ins::GetSlot(1), 2), b.emit(ins::LoadInt(0), 2), b.emit(ins::NumEq(), 2);
  const size_t n_zero = b.emit(ins::JumpIfTrue(0), 2);
  b.emit(ins::GetSlot(0), 2), b.emit(ins::GetSlot(1), 2), b.emit(ins::Dec(), 2), b.emit(ins::Call(ack, 2), 2);
  b.emit(ins::GetSlot(0), 2), b.emit(ins::Dec(), 2), b.emit(ins::Swap(), 2), b.emit(ins::Call(ack, 2), 2);
  b.emit(ins::ReturnValue(), 2);
  b.patch_jump(n_zero, b.current_pos());
  b.emit(ins::GetSlot(0), 2), b.emit(ins::Dec(), 2), b.emit(ins::LoadInt(1), 2), b.emit(ins::Call(ack, 2), 2);
  b.emit(ins::ReturnValue(), 2);
  b.patch_jump(m_zero, b.current_pos());
  b.emit(ins::GetSlot(1), 2), b.emit(ins::Inc(), 2), b.emit(ins::ReturnValue(), 2);
  b.patch_jump(to_end, b.current_pos());
  return std::move(b).build();
}

void BM_FibIterative35(benchmark::State& s) {
  static const Chunk c = fib_iterative(35);
  run_chunk(s, c, 9227465);
}
void BM_FibRecursive20(benchmark::State& s) {
  static const Chunk c = fib_recursive(20);
  run_chunk(s, c, 6765);
}
void BM_Sum1MFused(benchmark::State& s) {
  static const Chunk c = sum_fused(1000000);
  run_chunk(s, c, 499999500000);
}
void BM_Sum1MUnfused(benchmark::State& s) {
  static const Chunk c = sum_unfused(1000000);
  run_chunk(s, c, 499999500000);
}
void BM_Sum1MNative(benchmark::State& s) {
  for (auto _ : s) {
    int64_t sum = 0;
    for (int64_t i = 0; i < 1000000; ++i) {
      sum += i;
      benchmark::ClobberMemory();  // keep the compiler from folding the loop
    }
    benchmark::DoNotOptimize(sum);
  }
}
void BM_NestedLoop100x100(benchmark::State& s) {
  static const Chunk c = nested_loop(100, 100);
  run_chunk(s, c, 990000);
}
void BM_NestedLoop100x100Native(benchmark::State& s) {
  for (auto _ : s) {
    int64_t sum = 0;
    for (int64_t i = 0; i < 100; ++i)
      for (int64_t j = 0; j < 100; ++j) {
        sum += i + j;
        benchmark::ClobberMemory();
      }
    benchmark::DoNotOptimize(sum);
  }
}
void BM_Ackermann3x4(benchmark::State& s) {
  static const Chunk c = ackermann(3, 4);
  run_chunk(s, c, 125);
}
void BM_DispatchNop1M(benchmark::State& s) {
  static const Chunk c = [] {
    ChunkBuilder b = unfused();
    for (int i = 0; i < 1000000; ++i) b.emit(ins::Nop(), 1);
    b.emit(ins::LoadInt(0), 1);
    return std::move(b).build();
  }();
  run_chunk(s, c, 0);
}
void BM_StringBuild10k(benchmark::State& s) {
  static const Chunk c = [] {
    ChunkBuilder b = unfused();
    const uint16_t x = b.add_constant(Value::string("x"));
    b.emit(ins::PushFrame(), 1);
    b.emit(ins::LoadConst(x), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
    b.emit(ins::ConcatConstLoop(x, 0, 1, 10000), 1);
    b.emit(ins::GetSlot(0), 1);
    return std::move(b).build();
  }();
  run_chunk(s, c, -1);
}
void BM_StringBuild10kNative(benchmark::State& s) {
  for (auto _ : s) {
    std::string str;
    str.reserve(10001);
    str.push_back('x');
    for (int i = 0; i < 10000; ++i) {
      str.push_back('x');
      benchmark::ClobberMemory();
    }
    benchmark::DoNotOptimize(str);
  }
}

}  // namespace

BENCHMARK(BM_FibIterative35);
BENCHMARK(BM_FibRecursive20);
BENCHMARK(BM_Sum1MFused);
BENCHMARK(BM_Sum1MUnfused);
BENCHMARK(BM_Sum1MNative);
BENCHMARK(BM_NestedLoop100x100);
BENCHMARK(BM_NestedLoop100x100Native);
BENCHMARK(BM_Ackermann3x4);
BENCHMARK(BM_DispatchNop1M);
BENCHMARK(BM_StringBuild10k);
BENCHMARK(BM_StringBuild10kNative);
