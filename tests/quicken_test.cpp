// Quickening changes nothing observable: random programs built from the sequences the quick ops
// stand for (src/interp/quick_ops.def), with operands of every type, jumps into the middle of
// sequences, loops, small stacks and fuel budgets, must end identically with quickening on and
// off: result, error text, printed output, op count and slot contents.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "fusevm/builder.h"
#include "fusevm/verifier.h"
#include "interp/quick.h"
#include "run_outcome.h"

namespace fusevm {
namespace {

constexpr uint16_t kSlots = 4;

class ProgramGenerator {
 public:
  explicit ProgramGenerator(uint64_t seed) : rng_(seed) { b_.set_fusion(false); }

  Chunk generate() {
    b_.set_source("random.fvm");
    for (uint16_t s = 0; s < kSlots; ++s) {
      load_random();
      emit(ins::SetSlot(s));
    }
    for (int n = pick(0, 2); n > 0; --n) load_random();
    const int snippets = pick(1, 14);
    for (int i = 0; i < snippets; ++i) snippet(/*depth=*/0);
    emit(ins::MakeArray(64));  // everything left on the stack, as the result
    const size_t end = b_.current_pos();
    for (size_t j : forward_jumps_) b_.patch_jump(j, static_cast<size_t>(pick(static_cast<int>(j) + 1, static_cast<int>(end))));
    return std::move(b_).build();
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  uint16_t slot() { return static_cast<uint16_t>(pick(0, kSlots - 1)); }
  void emit(Instr ins) { b_.emit(ins, static_cast<uint32_t>(b_.current_pos() + 1)); }

  int64_t random_int() {
    static const int64_t kInts[] = {0, 1, -1, 2, 7, -3, 1000, std::numeric_limits<int64_t>::max(),
                                    std::numeric_limits<int64_t>::min()};
    return kInts[pick(0, static_cast<int>(std::size(kInts)) - 1)];
  }
  double random_float() {
    static const double kFloats[] = {0.0, -0.0, 2.5, -1.25, 1e300, std::numeric_limits<double>::infinity(),
                                     std::numeric_limits<double>::quiet_NaN(), 3.0};
    return kFloats[pick(0, static_cast<int>(std::size(kFloats)) - 1)];
  }
  // Any kind of value: mostly numbers, sometimes the types quick ops do not handle.
  void load_random() {
    switch (pick(0, 9)) {
      case 0: case 1: case 2: case 3: emit(ins::LoadInt(random_int())); break;
      case 4: case 5: emit(ins::LoadFloat(random_float())); break;
      case 6: emit(ins::LoadConst(b_.add_constant(Value::string(pick(0, 1) ? "12" : "abc")))); break;
      case 7: emit(ins::LoadUndef()); break;
      case 8: emit(ins::LoadTrue()); break;
      default: emit(ins::LoadConst(b_.add_constant(Value::array({Value::integer(1)})))); break;
    }
  }
  Instr arith() {
    switch (pick(0, 4)) {
      case 0: return ins::Add();
      case 1: return ins::Sub();
      case 2: return ins::Mul();
      case 3: return ins::Div();
      default: return ins::Mod();
    }
  }
  Instr compare() {
    switch (pick(0, 5)) {
      case 0: return ins::NumLt();
      case 1: return ins::NumLe();
      case 2: return ins::NumGt();
      case 3: return ins::NumGe();
      case 4: return ins::NumEq();
      default: return ins::NumNe();
    }
  }
  void forward_jump(bool if_true) {
    forward_jumps_.push_back(b_.emit(if_true ? ins::JumpIfTrue(0) : ins::JumpIfFalse(0), 1));
  }

  void snippet(int depth) {
    switch (pick(0, 13)) {
      case 0:
        emit(ins::GetSlot(slot()));
        emit(pick(0, 1) ? ins::GetSlot(slot()) : ins::LoadInt(random_int()));
        emit(arith());
        if (pick(0, 1)) emit(ins::SetSlot(slot()));
        break;
      case 1: emit(ins::GetSlot(slot())); emit(ins::LoadInt(random_int())); emit(arith()); break;
      case 2: emit(ins::GetSlot(slot())); emit(arith()); break;
      case 3: emit(ins::LoadInt(random_int())); emit(arith()); break;
      case 4: emit(ins::LoadFloat(random_float())); emit(arith()); break;
      case 5: emit(arith()); emit(ins::SetSlot(slot())); break;
      case 6: {  // compare and branch, with 0, 1 or 2 operands folded in
        switch (pick(0, 5)) {
          case 0: break;
          case 1: emit(ins::GetSlot(slot())); break;
          case 2: emit(ins::LoadInt(random_int())); break;
          case 3: emit(ins::LoadFloat(random_float())); break;
          case 4: emit(ins::GetSlot(slot())); emit(ins::GetSlot(slot())); break;
          default: emit(ins::GetSlot(slot())); emit(ins::LoadInt(random_int())); break;
        }
        emit(compare());
        forward_jump(pick(0, 1) == 1);
        break;
      }
      case 7: emit(ins::GetSlot(slot())); emit(ins::GetSlot(slot())); break;
      case 8: emit(ins::SetSlot(slot())); emit(ins::SetSlot(slot())); break;
      case 9: emit(ins::GetSlot(slot())); emit(ins::SetSlot(slot())); break;
      case 10: load_random(); break;
      case 11: emit(pick(0, 1) ? ins::Pop() : ins::Dup()); break;
      default: {
        if (depth > 1) return load_random();
        // A counted loop, the frontend way: SlotLt test at the top, increment and Jump back.
        const uint16_t s = slot();
        if (pick(0, 3) > 0) emit(ins::LoadInt(pick(-2, 2)));
        else load_random();
        emit(ins::SetSlot(s));
        const size_t top = b_.current_pos();
        size_t test = 0;
        if (pick(0, 1)) {
          test = b_.emit(ins::SlotLtIntJumpIfFalse(s, pick(-1, 6), 0), 1);
        } else {  // the unfused form of the same test, with any comparison
          emit(ins::GetSlot(s));
          emit(ins::LoadInt(pick(-1, 6)));
          emit(compare());
          test = b_.emit(ins::JumpIfFalse(0), 1);
        }
        for (int n = pick(0, 3); n > 0; --n) snippet(depth + 1);
        switch (pick(0, 2)) {
          case 0: emit(ins::PreIncSlotVoid(s)); break;
          case 1:
            emit(ins::GetSlot(s));
            emit(ins::LoadInt(1));
            emit(ins::Add());
            emit(ins::SetSlot(s));
            break;
          default: break;
        }
        const size_t back = b_.emit(ins::Jump(0), 1);
        b_.patch_jump(back, top);
        b_.patch_jump(test, b_.current_pos());
        break;
      }
    }
  }

  std::mt19937_64 rng_;
  ChunkBuilder b_;
  std::vector<size_t> forward_jumps_;
};

VMLimits random_limits(std::mt19937_64& rng) {
  VMLimits limits;
  limits.fuel = 20000;
  switch (rng() % 4) {
    case 0: limits.fuel = 1 + rng() % 120; break;   // runs out somewhere in the program
    case 1: limits.max_stack = rng() % 8; break;     // pushes hit the stack limit
    default: break;
  }
  return limits;
}

TEST(Quicken, RandomProgramsBehaveTheSameWithAndWithoutQuickOps) {
  std::mt19937_64 rng(20261126);
  int quick_runs = 0, proven = 0;
  for (int i = 0; i < 4000; ++i) {
    const uint64_t seed = rng();
    const Chunk chunk = ProgramGenerator(seed).generate();
    test::RunOptions options;
    options.limits = random_limits(rng);
    options.slots_to_read = kSlots;
    options.quicken = true;
    const test::RunOutcome quick = test::run_outcome(chunk, options);
    options.quicken = false;
    const test::RunOutcome plain = test::run_outcome(chunk, options);
    const std::string diff = test::outcome_difference(quick, plain);
    ASSERT_EQ(diff, "") << "seed " << seed << ", quickened vs plain:\n" << test::listing(chunk);
    quick_runs += quick.kind == VMResult::Kind::Ok;

    // When the verifier proves that no op underflows, the VM runs without underflow checks; the
    // traced run keeps them, so it shows whether the proof was right.
    if (verify_chunk(chunk).stack_proven) {
      ++proven;
      VM traced(chunk, options.limits);
      traced.set_trace([](const TraceEvent&) {});
      const VMResult r = traced.run();
      ASSERT_NE(r.error_code(), ErrorCode::StackUnderflow)
          << "seed " << seed << ": the verifier proved a chunk that underflows\n"
          << test::listing(chunk);
    }
  }
  EXPECT_GT(proven, 500) << "the proof is exercised";
  // The generator must mostly produce programs that run to the end, or it tests little.
  EXPECT_GT(quick_runs, 1000);
}

// The generator produces every quick op's sequence (so none goes untested): the quickener run
// over the generated programs writes every quick opcode at least a few times.
TEST(Quicken, GeneratorCoversEveryQuickOp) {
  std::mt19937_64 rng(7);
  std::vector<size_t> seen(quick::kQuickCount, 0);
  for (int i = 0; i < 1000; ++i) {
    const Chunk chunk = ProgramGenerator(rng()).generate();
    std::vector<Instr> out = chunk.ops;
    quick::quicken(chunk.ops.data(), chunk.ops.size(), out.data());
    for (const Instr& ins : out) {
      const size_t code = static_cast<uint8_t>(ins.op);
      if (code > kOpCount) ++seen[code - kOpCount - 1];
    }
  }
  const char* const kNames[] = {
#define FUSEVM_QUICK(name, length, sequence) #name,
#include "interp/quick_ops.def"
#undef FUSEVM_QUICK
  };
  for (size_t q = 0; q < quick::kQuickCount; ++q) EXPECT_GE(seen[q], 5u) << kNames[q];
}

}  // namespace
}  // namespace fusevm
