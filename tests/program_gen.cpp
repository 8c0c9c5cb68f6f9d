// The random program generator (see program_gen.h).
#include "program_gen.h"

#include <bit>
#include <cmath>
#include <limits>
#include <vector>

#include "fusevm/builder.h"

namespace fusevm::test {
namespace {

// Slot plan of the main frame: data slots, then the loop counters (written only by loop tails).
constexpr uint16_t kData = 5;           // slots 0..4
constexpr uint16_t kOuterCounter = 5;
constexpr uint16_t kInnerCounter = 6;
constexpr uint16_t kExtra = 7;          // one more data slot, first written inside loops

class Gen {
 public:
  Gen(uint64_t seed, const GenOptions& o) : state_(seed * 0x9E3779B97F4A7C15ull + 1), o_(o) {}

  Chunk build() {
    b_.set_source("gen.fvm");
    b_.set_fusion(o_.fuse);
    fname_ = b_.add_name("f");
    str_const_ = b_.add_constant(Value::string("7"));
    // Prelude: every data slot gets a value of some kind.
    for (uint16_t s = 0; s < kData; ++s) {
      leaf_value();
      emit(ins::SetSlot(s));
    }
    const int statements = 2 + static_cast<int>(below(5));
    if (o_.loops) {
      loop(kOuterCounter, 3 + below(40), /*nested=*/true);
      for (int i = 0; i < statements / 2; ++i) stmt(false);
    } else {
      for (int i = 0; i < statements + 3; ++i) stmt(false);
    }
    // The result: one slot's value (or an expression of them).
    if (chance(3)) expr(1, false);
    else emit(ins::GetSlot(static_cast<uint16_t>(below(8))));
    const size_t skip = emit(ins::Jump(0));
    if (o_.calls && has_sub_) sub_body();
    b_.patch_jump(skip, b_.current_pos());
    return std::move(b_).build();
  }

 private:
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
  bool chance(uint64_t one_in) { return below(one_in) == 0; }
  size_t emit(Instr i) { return b_.emit(i, line_++); }

  void leaf_value() {
    static const int64_t kInts[] = {0, 1, -1, 2, 3, 7, -5, 100, 1000, INT64_MAX, INT64_MIN, INT64_MAX - 1, 1LL << 40};
    static const double kFloats[] = {0.0, -0.0, 0.5, 1.0, -1.5, 2.25, 1e300, -1e300, 3.0,
                                     std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity(), 9.2233720368547758e18};
    switch (below(12)) {
      case 0: case 1: case 2: case 3:
        emit(ins::LoadInt(kInts[below(sizeof kInts / sizeof kInts[0])]));
        return;
      case 4:
        emit(ins::LoadInt(static_cast<int64_t>(below(200)) - 100));
        return;
      case 5: case 6:
        emit(ins::LoadFloat(kFloats[below(sizeof kFloats / sizeof kFloats[0])]));
        return;
      case 7:
        emit(ins::LoadFloat(static_cast<double>(below(1000)) / 8.0 - 60.0));
        return;
      case 8:
        emit(chance(2) ? ins::LoadTrue() : ins::LoadFalse());
        return;
      case 9:
        emit(ins::LoadUndef());
        return;
      case 10:
        if (o_.exotic && chance(2)) {
          emit(ins::LoadConst(str_const_));  // a string "7": every op coerces it its own way
          return;
        }
        emit(ins::LoadInt(static_cast<int64_t>(below(10))));
        return;
      default:
        emit(ins::LoadConst(b_.add_constant(chance(2) ? Value::integer(static_cast<int64_t>(below(50)))
                                                      : Value::floating(0.25 * static_cast<double>(below(20))))));
        return;
    }
  }

  uint16_t data_slot(bool in_sub) {
    if (in_sub) return static_cast<uint16_t>(below(4));
    const uint64_t r = below(kData + 1);
    return r == kData ? kExtra : static_cast<uint16_t>(r);
  }

  // Pushes exactly one value.
  void expr(unsigned depth, bool in_sub) {
    if (depth >= o_.max_depth) {
      if (chance(2)) leaf_value();
      else emit(ins::GetSlot(data_slot(in_sub)));
      return;
    }
    static const Op kUnary[] = {Op::Negate, Op::Inc, Op::Dec, Op::TruncInt, Op::BitNot, Op::LogNot,
                                Op::SqrtFloat, Op::AbsFloat, Op::SinFloat, Op::CosFloat, Op::ExpFloat,
                                Op::LogFloat, Op::AwkMkbool};
    static const Op kBinary[] = {Op::Add, Op::Add, Op::Sub, Op::Sub, Op::Mul, Op::Mul, Op::Div, Op::Mod,
                                 Op::Pow, Op::NumEq, Op::NumNe, Op::NumLt, Op::NumGt, Op::NumLe,
                                 Op::NumGe, Op::Spaceship, Op::LogAnd, Op::LogOr, Op::BitAnd, Op::BitOr,
                                 Op::BitXor, Op::Shl, Op::Shr, Op::PowFloat, Op::Atan2Float};
    switch (below(14)) {
      case 0: case 1:
        leaf_value();
        return;
      case 2: case 3:
        emit(ins::GetSlot(data_slot(in_sub)));
        return;
      case 4: case 5:
        expr(depth + 1, in_sub);
        emit(Instr(kUnary[below(sizeof kUnary / sizeof kUnary[0])]));
        return;
      case 6: case 7: case 8:
        expr(depth + 1, in_sub);
        expr(depth + 1, in_sub);
        emit(Instr(kBinary[below(sizeof kBinary / sizeof kBinary[0])]));
        return;
      case 9: {  // c ? x : y, the value crossing the merge on the stack
        expr(depth + 1, in_sub);
        const size_t to_else = emit(ins::JumpIfFalse(0));
        expr(depth + 1, in_sub);
        const size_t to_end = emit(ins::Jump(0));
        b_.patch_jump(to_else, b_.current_pos());
        expr(depth + 1, in_sub);
        b_.patch_jump(to_end, b_.current_pos());
        return;
      }
      case 10: {  // a || b / a && b, the Keep idiom
        expr(depth + 1, in_sub);
        const size_t j = emit(chance(2) ? ins::JumpIfTrueKeep(0) : ins::JumpIfFalseKeep(0));
        emit(ins::Pop());
        expr(depth + 1, in_sub);
        b_.patch_jump(j, b_.current_pos());
        return;
      }
      case 11: {  // stack shuffles
        expr(depth + 1, in_sub);
        expr(depth + 1, in_sub);
        switch (below(4)) {
          case 0: emit(ins::Swap()); emit(ins::Sub()); return;
          case 1: emit(ins::Dup()); emit(ins::Mul()); emit(ins::Add()); return;
          case 2: expr(depth + 1, in_sub); emit(ins::Rot()); emit(ins::Sub()); emit(ins::Add()); return;
          default: emit(ins::Dup2()); emit(ins::Add()); emit(ins::Rot()); emit(ins::Sub()); emit(ins::Add()); return;
        }
      }
      case 12: {  // fused slot updates that push
        const uint16_t s = data_slot(in_sub);
        static const Op kPush[] = {Op::PreIncSlot, Op::PreDecSlot, Op::PostIncSlot, Op::PostDecSlot};
        Instr i(kPush[below(4)]);
        i.set_raw(0, s);
        emit(i);
        return;
      }
      default:
        if (o_.calls && !in_sub) {
          has_sub_ = true;
          for (int a = 0; a < 2; ++a) expr(depth + 1, in_sub);
          emit(ins::Call(fname_, 2));
          return;
        }
        leaf_value();
        return;
    }
  }

  // Leaves the stack as it found it.
  void stmt(bool in_sub, unsigned nesting = 0) {
    switch (below(nesting > 1 ? 6 : 9)) {
      case 0: case 1: case 2:
        expr(0, in_sub);
        emit(ins::SetSlot(data_slot(in_sub)));
        return;
      case 3:
        expr(0, in_sub);
        emit(ins::Pop());
        return;
      case 4: {
        const uint16_t s = data_slot(in_sub);
        if (chance(2)) {
          emit(ins::PreIncSlotVoid(s));
        } else {
          emit(ins::AddAssignSlotVoid(s, data_slot(in_sub)));
        }
        return;
      }
      case 5:
        if (o_.exotic && chance(4)) {
          expr(1, in_sub);
          emit(ins::PrintLn(1));  // output: the JIT hands over and takes the loop back after
          return;
        }
        expr(0, in_sub);
        emit(ins::SetSlot(data_slot(in_sub)));
        return;
      case 6: {  // if / else
        expr(1, in_sub);
        const size_t to_else = emit(chance(2) ? ins::JumpIfFalse(0) : ins::JumpIfTrue(0));
        stmt(in_sub, nesting + 1);
        const size_t to_end = emit(ins::Jump(0));
        b_.patch_jump(to_else, b_.current_pos());
        stmt(in_sub, nesting + 1);
        b_.patch_jump(to_end, b_.current_pos());
        return;
      }
      case 7: {  // if without else
        expr(1, in_sub);
        const size_t skip = emit(ins::JumpIfFalse(0));
        stmt(in_sub, nesting + 1);
        stmt(in_sub, nesting + 1);
        b_.patch_jump(skip, b_.current_pos());
        return;
      }
      default:
        if (!in_sub && o_.loops && nesting == 0 && !inner_used_) {
          inner_used_ = true;
          loop(kInnerCounter, 1 + below(6), false);
          return;
        }
        expr(0, in_sub);
        emit(ins::SetSlot(data_slot(in_sub)));
        return;
    }
  }

  // A counted loop over `counter`, bottom- or top-tested.
  void loop(uint16_t counter, uint64_t iterations, bool nested) {
    emit(ins::LoadInt(0));
    emit(ins::SetSlot(counter));
    const int body = 1 + static_cast<int>(below(nested ? 4 : 3));
    if (chance(2)) {
      const size_t head = b_.current_pos();
      for (int i = 0; i < body; ++i) stmt(false, nested ? 0 : 1);
      emit(ins::PreIncSlotVoid(counter));
      emit(ins::GetSlot(counter));
      emit(ins::LoadInt(static_cast<int64_t>(iterations)));
      emit(ins::NumLt());
      emit(ins::JumpIfTrue(head));
    } else {
      const size_t head = b_.current_pos();
      emit(ins::GetSlot(counter));
      emit(ins::LoadInt(static_cast<int64_t>(iterations)));
      emit(ins::NumLt());
      const size_t exit = emit(ins::JumpIfFalse(0));
      for (int i = 0; i < body; ++i) stmt(false, nested ? 0 : 1);
      emit(ins::GetSlot(counter));
      emit(ins::LoadInt(1));
      emit(ins::Add());
      emit(ins::SetSlot(counter));
      emit(ins::Jump(head));
      b_.patch_jump(exit, b_.current_pos());
    }
  }

  // f(a, b): binds its arguments, does a little, returns a value.
  void sub_body() {
    b_.add_sub_entry(fname_, b_.current_pos());
    emit(ins::SetSlot(1));
    emit(ins::SetSlot(0));
    const int n = static_cast<int>(below(3));
    for (int i = 0; i < n; ++i) stmt(true, 1);
    expr(1, true);
    emit(ins::ReturnValue());
  }

  uint64_t state_;
  GenOptions o_;
  ChunkBuilder b_;
  uint32_t line_ = 1;
  uint16_t fname_ = 0;
  uint16_t str_const_ = 0;
  bool has_sub_ = false;
  bool inner_used_ = false;
};

}  // namespace

Chunk generate_program(uint64_t seed, const GenOptions& options) { return Gen(seed, options).build(); }

}  // namespace fusevm::test
