// Op-family benchmarks, one per workload of the original's `vm_bench` suite (same programs, same
// names): arithmetic, fused loops, strings, arrays, hashes, stack, slots, comparison, control
// flow, calls, constants and globals. Each iteration constructs a VM for the chunk and runs it,
// as the original's harness does. Chunks are built without automatic fusion, so each runs the ops
// it is written with.
#include <benchmark/benchmark.h>

#include "fusevm/builder.h"
#include "fusevm/vm.h"

namespace {

using namespace fusevm;

// Builds a chunk from `emit(builder)` with fusion off.
template <class F>
Chunk build(F&& emit) {
  ChunkBuilder b;
  b.set_fusion(false);
  emit(b);
  return std::move(b).build();
}

void run_chunk(benchmark::State& state, const Chunk& chunk) {
  for (auto _ : state) {
    VM vm(chunk);
    vm.set_jit(false);  // the interpreter's suite: jit_bench.cpp has the JIT's
    VMResult r = vm.run();
    if (r.is_error()) {
      state.SkipWithError(r.error().c_str());
      return;
    }
    benchmark::DoNotOptimize(r);
  }
}

// ── Arithmetic ──
void BM_IntAdd1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::LoadInt(0), 1);
    for (int i = 0; i < 1000; ++i) b.emit(ins::LoadInt(1), 1), b.emit(ins::Add(), 1);
  });
  run_chunk(s, c);
}
void BM_FloatAdd1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::LoadFloat(0.0), 1);
    for (int i = 0; i < 1000; ++i) b.emit(ins::LoadFloat(1.5), 1), b.emit(ins::Add(), 1);
  });
  run_chunk(s, c);
}
void BM_MixedArith100(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::LoadInt(1), 1);
    for (int i = 0; i < 100; ++i) {
      b.emit(ins::LoadInt(3), 1), b.emit(ins::Mul(), 1);
      b.emit(ins::LoadInt(7), 1), b.emit(ins::Add(), 1);
      b.emit(ins::LoadInt(2), 1), b.emit(ins::Sub(), 1);
    }
  });
  run_chunk(s, c);
}

// ── Fused superinstructions against the ops they replace ──
void BM_FusedAccumSum10k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::PushFrame(), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
    b.emit(ins::AccumSumLoop(0, 1, 10000), 1);
    b.emit(ins::GetSlot(0), 1);
  });
  run_chunk(s, c);
}
void BM_UnfusedSumLoop10k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::PushFrame(), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
    b.emit(ins::GetSlot(0), 1), b.emit(ins::GetSlot(1), 1), b.emit(ins::Add(), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::PreIncSlotVoid(1), 1);
    b.emit(ins::SlotLtIntJumpIfFalse(1, 10000, 12), 1);
    b.emit(ins::Jump(5), 1);
    b.emit(ins::GetSlot(0), 1);
  });
  run_chunk(s, c);
}
void BM_FusedSlotInc10k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::PushFrame(), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::Nop(), 1);
    b.emit(ins::SlotIncLtIntJumpBack(0, 10000, 3), 1);
    b.emit(ins::GetSlot(0), 1);
  });
  run_chunk(s, c);
}
void BM_FusedConcatConst1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t x = b.add_constant(Value::string("x"));
    b.emit(ins::PushFrame(), 1);
    b.emit(ins::LoadConst(x), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
    b.emit(ins::ConcatConstLoop(x, 0, 1, 1000), 1);
    b.emit(ins::GetSlot(0), 1);
  });
  run_chunk(s, c);
}
void BM_FusedPushRange10k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t arr = b.add_name("arr");
    b.emit(ins::DeclareArray(arr), 1);
    b.emit(ins::PushFrame(), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::PushIntRangeLoop(arr, 0, 10000), 1);
    b.emit(ins::ArrayLen(arr), 1);
  });
  run_chunk(s, c);
}

// ── Strings ──
void BM_Concat1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t x = b.add_constant(Value::string("x"));
    b.emit(ins::LoadConst(x), 1);
    for (int i = 0; i < 999; ++i) b.emit(ins::LoadConst(x), 1), b.emit(ins::Concat(), 1);
  });
  run_chunk(s, c);
}
void BM_StrEq1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t x = b.add_constant(Value::string("hello world"));
    const uint16_t y = b.add_constant(Value::string("hello world"));
    for (int i = 0; i < 1001; ++i) {
      b.emit(ins::LoadConst(x), 1), b.emit(ins::LoadConst(y), 1), b.emit(ins::StrEq(), 1);
      if (i < 1000) b.emit(ins::Pop(), 1);
    }
  });
  run_chunk(s, c);
}

// ── Arrays and hashes ──
void BM_ArrayPushPop1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t arr = b.add_name("arr");
    b.emit(ins::DeclareArray(arr), 1);
    for (int i = 0; i < 1000; ++i) b.emit(ins::LoadInt(i), 1), b.emit(ins::ArrayPush(arr), 1);
    for (int i = 0; i < 1000; ++i) b.emit(ins::ArrayPop(arr), 1), b.emit(ins::Pop(), 1);
    b.emit(ins::ArrayLen(arr), 1);
  });
  run_chunk(s, c);
}
void BM_ArrayIndex1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t arr = b.add_name("arr");
    b.emit(ins::DeclareArray(arr), 1);
    for (int i = 0; i < 1000; ++i) b.emit(ins::LoadInt(i), 1), b.emit(ins::ArrayPush(arr), 1);
    for (int i = 0; i < 1000; ++i) b.emit(ins::LoadInt(i), 1), b.emit(ins::ArrayGet(arr), 1), b.emit(ins::Pop(), 1);
    b.emit(ins::ArrayLen(arr), 1);
  });
  run_chunk(s, c);
}
void BM_Range10k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::LoadInt(0), 1), b.emit(ins::LoadInt(9999), 1), b.emit(ins::Range(), 1);
  });
  run_chunk(s, c);
}
void BM_HashSetGet1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t h = b.add_name("h");
    std::vector<uint16_t> keys;
    for (int i = 0; i < 100; ++i) keys.push_back(b.add_constant(Value::string("key_" + std::to_string(i))));
    b.emit(ins::DeclareHash(h), 1);
    for (int i = 0; i < 100; ++i)
      b.emit(ins::LoadInt(i), 1), b.emit(ins::LoadConst(keys[i]), 1), b.emit(ins::HashSet(h), 1);
    for (int r = 0; r < 10; ++r)
      for (uint16_t k : keys) b.emit(ins::LoadConst(k), 1), b.emit(ins::HashGet(h), 1), b.emit(ins::Pop(), 1);
    b.emit(ins::LoadInt(0), 1);
  });
  run_chunk(s, c);
}
void BM_MakeHash100(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    for (int i = 0; i < 100; ++i) b.emit(ins::LoadInt(i), 1), b.emit(ins::LoadInt(i * 100), 1);
    b.emit(ins::MakeHash(200), 1);
  });
  run_chunk(s, c);
}

// ── Stack, slots, globals, constants ──
void BM_StackDupSwapRot1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::LoadInt(1), 1), b.emit(ins::LoadInt(2), 1), b.emit(ins::LoadInt(3), 1);
    for (int i = 0; i < 1000; ++i)
      b.emit(ins::Rot(), 1), b.emit(ins::Swap(), 1), b.emit(ins::Dup(), 1), b.emit(ins::Pop(), 1);
  });
  run_chunk(s, c);
}
void BM_SlotReadWrite10k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::PushFrame(), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(1), 1);
    for (int i = 0; i < 10000; ++i)
      b.emit(ins::GetSlot(0), 1), b.emit(ins::GetSlot(1), 1), b.emit(ins::Add(), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::GetSlot(0), 1);
  });
  run_chunk(s, c);
}
void BM_GlobalVarReadWrite1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t x = b.add_name("x");
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetVar(x), 1);
    for (int i = 0; i < 1000; ++i)
      b.emit(ins::GetVar(x), 1), b.emit(ins::LoadInt(1), 1), b.emit(ins::Add(), 1), b.emit(ins::SetVar(x), 1);
    b.emit(ins::GetVar(x), 1);
  });
  run_chunk(s, c);
}
void BM_LoadConstInt1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t k = b.add_constant(Value::integer(42));
    for (int i = 0; i < 1000; ++i) b.emit(ins::LoadConst(k), 1), b.emit(ins::Pop(), 1);
    b.emit(ins::LoadConst(k), 1);
  });
  run_chunk(s, c);
}
void BM_LoadConstStr1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t k = b.add_constant(Value::string("hello world"));
    for (int i = 0; i < 1000; ++i) b.emit(ins::LoadConst(k), 1), b.emit(ins::Pop(), 1);
    b.emit(ins::LoadConst(k), 1);
  });
  run_chunk(s, c);
}

// ── Comparison, control flow, calls ──
void BM_IntCmp1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    for (int i = 0; i < 1000; ++i)
      b.emit(ins::LoadInt(i), 1), b.emit(ins::LoadInt(i + 1), 1), b.emit(ins::NumLt(), 1), b.emit(ins::Pop(), 1);
    b.emit(ins::LoadInt(1), 1);
  });
  run_chunk(s, c);
}
void BM_JumpLoop10k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    b.emit(ins::PushFrame(), 1);
    b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
    b.emit(ins::PreIncSlotVoid(0), 1);
    b.emit(ins::SlotLtIntJumpIfFalse(0, 10000, 6), 1);
    b.emit(ins::Jump(3), 1);
    b.emit(ins::GetSlot(0), 1);
  });
  run_chunk(s, c);
}
void BM_FunctionCall1k(benchmark::State& s) {
  static const Chunk c = build([](ChunkBuilder& b) {
    const uint16_t inc = b.add_name("inc");
    b.emit(ins::LoadInt(0), 1);
    for (int i = 0; i < 1000; ++i) b.emit(ins::Call(inc, 1), 1);
    const size_t jump = b.emit(ins::Jump(0), 1);
    b.add_sub_entry(inc, b.current_pos());
    b.emit(ins::Inc(), 2), b.emit(ins::ReturnValue(), 2);
    b.patch_jump(jump, b.current_pos());
  });
  run_chunk(s, c);
}

}  // namespace

BENCHMARK(BM_IntAdd1k);
BENCHMARK(BM_FloatAdd1k);
BENCHMARK(BM_MixedArith100);
BENCHMARK(BM_FusedAccumSum10k);
BENCHMARK(BM_UnfusedSumLoop10k);
BENCHMARK(BM_FusedSlotInc10k);
BENCHMARK(BM_FusedConcatConst1k);
BENCHMARK(BM_FusedPushRange10k);
BENCHMARK(BM_Concat1k);
BENCHMARK(BM_StrEq1k);
BENCHMARK(BM_ArrayPushPop1k);
BENCHMARK(BM_ArrayIndex1k);
BENCHMARK(BM_Range10k);
BENCHMARK(BM_HashSetGet1k);
BENCHMARK(BM_MakeHash100);
BENCHMARK(BM_StackDupSwapRot1k);
BENCHMARK(BM_SlotReadWrite10k);
BENCHMARK(BM_GlobalVarReadWrite1k);
BENCHMARK(BM_LoadConstInt1k);
BENCHMARK(BM_LoadConstStr1k);
BENCHMARK(BM_IntCmp1k);
BENCHMARK(BM_JumpLoop10k);
BENCHMARK(BM_FunctionCall1k);
