// The quickening pass: finds the sequences of quick_ops.def in a code unit and writes the quick
// op over each sequence's first op.
//
// Every index is considered on its own, also inside another quick op's sequence: a jump to that
// index then gets its own quick op. This is sound because a quick op at index i stands for
// running the original ops from i, whatever came before; no jump target needs to be known.
#include <limits>
#include <optional>

#include "quick.h"

namespace fusevm::quick {
namespace {

bool is_arith(Op op) {
  return op == Op::Add || op == Op::Sub || op == Op::Mul || op == Op::Div || op == Op::Mod;
}

// The quick opcode of arithmetic family member `base` (AddSS, AddSI, ...) for `op`: the families
// are laid out alike in quick_ops.def, one after another.
QuickOp arith_variant(Op op, QuickOp add_variant) {
  constexpr int kFamilySize = static_cast<int>(QuickOp::SubSS) - static_cast<int>(QuickOp::AddSS);
  int family = 0;
  switch (op) {
    case Op::Add: family = 0; break;
    case Op::Sub: family = 1; break;
    case Op::Mul: family = 2; break;
    case Op::Div: family = 3; break;
    default: family = 4; break;  // Mod
  }
  return static_cast<QuickOp>(static_cast<int>(add_variant) + family * kFamilySize);
}
static_assert(static_cast<int>(QuickOp::ModSet) - static_cast<int>(QuickOp::AddSet) ==
                  4 * (static_cast<int>(QuickOp::SubSS) - static_cast<int>(QuickOp::AddSS)),
              "the arithmetic families must be laid out alike");

// AddSSSet, AddSISet, SubSSSet, ... for op (Add, Sub or Mul), or nullopt for other ops.
std::optional<QuickOp> store_variant(Op op, bool two_slots) {
  int family = 0;
  switch (op) {
    case Op::Add: family = 0; break;
    case Op::Sub: family = 1; break;
    case Op::Mul: family = 2; break;
    default: return std::nullopt;
  }
  return static_cast<QuickOp>(static_cast<int>(QuickOp::AddSSSet) + 2 * family + (two_slots ? 0 : 1));
}
static_assert(static_cast<int>(QuickOp::MulSISet) - static_cast<int>(QuickOp::AddSSSet) == 5,
              "the store variants must be laid out in pairs");

bool fits_i32(int64_t v) {
  return v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max();
}

Instr make(QuickOp q) {
  Instr ins;
  ins.op = static_cast<Op>(q);
  return ins;
}

// The branch mask of "NumXx; JumpIfFalse/JumpIfTrue", or 0 when `cmp`/`jump` are not that.
uint8_t branch_mask(const Instr& cmp, const Instr& jump) {
  const uint8_t when_true = true_outcomes(cmp.op);
  if (when_true == 0) return 0;
  if (jump.op == Op::JumpIfTrue) return when_true;
  if (jump.op == Op::JumpIfFalse) return static_cast<uint8_t>(~when_true & 0xF);
  return 0;
}

class Quickener {
 public:
  Quickener(const Instr* ops, size_t n) : ops_(ops), n_(n) {}

  // The quick op standing for the ops from index p, if any.
  bool match(size_t p, Instr& out) const {
    return match_loop(p, out) || match_compare_branch(p, out) || match_arith(p, out) ||
           match_moves(p, out);
  }

 private:
  Op op(size_t i) const { return i < n_ ? ops_[i].op : static_cast<Op>(kOpCount); }
  const Instr& at(size_t i) const { return ops_[i]; }
  uint16_t slot(size_t i) const { return at(i).get<Op::GetSlot, 0>(); }
  uint32_t target(size_t i) const { return static_cast<uint32_t>(at(i).raw(0)); }

  // PreIncSlotVoid a; Jump L; L: SlotLtIntJumpIfFalse a k x   and   Jump L; L: SlotLt...
  // and Jump L; L: GetSlot a; LoadInt k; NumXx; JumpIf* x
  bool match_loop(size_t p, Instr& out) const {
    // i = i + 1 written out, then the loop test: one dispatch for the loop's whole back edge,
    // as a for-loop instruction of a register VM would do it.
    if (op(p) == Op::GetSlot && op(p + 1) == Op::LoadInt && at(p + 1).get<Op::LoadInt, 0>() == 1 &&
        op(p + 2) == Op::Add && op(p + 3) == Op::SetSlot && at(p + 3).get<Op::SetSlot, 0>() == slot(p) &&
        op(p + 4) == Op::Jump) {
      const uint64_t l = at(p + 4).raw(0);
      if (op(l) == Op::GetSlot && slot(l) == slot(p) && op(l + 1) == Op::LoadInt && l + 3 < n_ &&
          fits_i32(at(l + 1).get<Op::LoadInt, 0>())) {
        const uint8_t mask = branch_mask(at(l + 2), at(l + 3));
        if (mask != 0) {
          out = make(QuickOp::IncJumpCmpJumpSI);
          set_field<uint8_t, 1>(out, mask);
          set_field<uint16_t, 2>(out, slot(p));
          set_field<uint32_t, 4>(out, static_cast<uint32_t>(l));
          set_field<int32_t, 8>(out, static_cast<int32_t>(at(l + 1).get<Op::LoadInt, 0>()));
          set_field<uint32_t, 12>(out, target(l + 3));
          return true;
        }
      }
    }
    if (op(p) == Op::Jump) {
      const uint64_t l = at(p).raw(0);
      if (op(l) == Op::GetSlot && op(l + 1) == Op::LoadInt && l + 3 < n_ &&
          fits_i32(at(l + 1).get<Op::LoadInt, 0>())) {
        const uint8_t mask = branch_mask(at(l + 2), at(l + 3));
        if (mask != 0) {
          out = make(QuickOp::JumpCmpJumpSI);
          set_field<uint8_t, 1>(out, mask);
          set_field<uint16_t, 2>(out, slot(l));
          set_field<uint32_t, 4>(out, static_cast<uint32_t>(l));
          set_field<int32_t, 8>(out, static_cast<int32_t>(at(l + 1).get<Op::LoadInt, 0>()));
          set_field<uint32_t, 12>(out, target(l + 3));
          return true;
        }
      }
    }
    const bool inc = op(p) == Op::PreIncSlotVoid && op(p + 1) == Op::Jump;
    const size_t jump = inc ? p + 1 : p;
    if (op(jump) != Op::Jump) return false;
    const uint64_t loop = at(jump).raw(0);
    if (op(loop) != Op::SlotLtIntJumpIfFalse) return false;
    const Instr& test = at(loop);
    const uint16_t s = test.get<Op::SlotLtIntJumpIfFalse, 0>();
    if (inc && at(p).get<Op::PreIncSlotVoid, 0>() != s) return false;
    out = make(inc ? QuickOp::IncLoop : QuickOp::LoopBack);
    set_field<uint16_t, 2>(out, s);
    set_field<uint32_t, 4>(out, static_cast<uint32_t>(loop));
    set_field<int32_t, 8>(out, test.get<Op::SlotLtIntJumpIfFalse, 1>());
    set_field<uint32_t, 12>(out, static_cast<uint32_t>(test.get<Op::SlotLtIntJumpIfFalse, 2>()));
    return true;
  }

  bool match_compare_branch(size_t p, Instr& out) const {
    // Operands folded in before the comparison: none, a slot, an immediate, or two of them.
    size_t cmp = p;
    QuickOp q = QuickOp::CmpJump;
    if (op(p) == Op::GetSlot && (op(p + 1) == Op::GetSlot || op(p + 1) == Op::LoadInt) &&
        true_outcomes(op(p + 2)) != 0) {
      cmp = p + 2;
      q = op(p + 1) == Op::GetSlot ? QuickOp::CmpJumpSS : QuickOp::CmpJumpSI;
    } else if (true_outcomes(op(p + 1)) != 0) {
      cmp = p + 1;
      switch (op(p)) {
        case Op::GetSlot: q = QuickOp::CmpJumpS; break;
        case Op::LoadInt: q = QuickOp::CmpJumpI; break;
        case Op::LoadFloat: q = QuickOp::CmpJumpF; break;
        default: cmp = p; break;
      }
    }
    if (cmp + 1 >= n_) return false;
    const uint8_t mask = branch_mask(at(cmp), at(cmp + 1));
    if (mask == 0) return false;
    out = make(q);
    set_field<uint8_t, 1>(out, mask);
    set_field<uint32_t, 4>(out, target(cmp + 1));
    switch (q) {
      case QuickOp::CmpJumpSS:
        set_field<uint16_t, 2>(out, slot(p));
        set_field<uint16_t, 8>(out, slot(p + 1));
        break;
      case QuickOp::CmpJumpSI:
        set_field<uint16_t, 2>(out, slot(p));
        set_field<int64_t, 8>(out, at(p + 1).get<Op::LoadInt, 0>());
        break;
      case QuickOp::CmpJumpS: set_field<uint16_t, 8>(out, slot(p)); break;
      case QuickOp::CmpJumpI: set_field<int64_t, 8>(out, at(p).get<Op::LoadInt, 0>()); break;
      case QuickOp::CmpJumpF: set_field<double, 8>(out, at(p).get<Op::LoadFloat, 0>()); break;
      default: break;
    }
    return true;
  }

  bool match_arith(size_t p, Instr& out) const {
    if (op(p) == Op::GetSlot && (op(p + 1) == Op::GetSlot || op(p + 1) == Op::LoadInt) &&
        op(p + 3) == Op::SetSlot) {
      const bool two_slots = op(p + 1) == Op::GetSlot;
      if (const auto q = store_variant(op(p + 2), two_slots)) {
        out = make(*q);
        set_field<uint16_t, 2>(out, slot(p));
        set_field<uint16_t, 4>(out, at(p + 3).get<Op::SetSlot, 0>());
        if (two_slots) set_field<uint16_t, 8>(out, slot(p + 1));
        else set_field<int64_t, 8>(out, at(p + 1).get<Op::LoadInt, 0>());
        return true;
      }
    }
    if (op(p) == Op::GetSlot && (op(p + 1) == Op::GetSlot || op(p + 1) == Op::LoadInt) &&
        is_arith(op(p + 2))) {
      const bool two_slots = op(p + 1) == Op::GetSlot;
      out = make(arith_variant(op(p + 2), two_slots ? QuickOp::AddSS : QuickOp::AddSI));
      set_field<uint16_t, 2>(out, slot(p));
      if (two_slots) set_field<uint16_t, 8>(out, slot(p + 1));
      else set_field<int64_t, 8>(out, at(p + 1).get<Op::LoadInt, 0>());
      return true;
    }
    if (is_arith(op(p + 1))) {
      switch (op(p)) {
        case Op::GetSlot:
          out = make(arith_variant(op(p + 1), QuickOp::AddS));
          set_field<uint16_t, 8>(out, slot(p));
          return true;
        case Op::LoadInt:
          out = make(arith_variant(op(p + 1), QuickOp::AddI));
          set_field<int64_t, 8>(out, at(p).get<Op::LoadInt, 0>());
          return true;
        case Op::LoadFloat:
          out = make(arith_variant(op(p + 1), QuickOp::AddF));
          set_field<double, 8>(out, at(p).get<Op::LoadFloat, 0>());
          return true;
        default: break;
      }
    }
    if (is_arith(op(p)) && op(p + 1) == Op::SetSlot) {
      out = make(arith_variant(op(p), QuickOp::AddSet));
      set_field<uint16_t, 4>(out, at(p + 1).get<Op::SetSlot, 0>());
      return true;
    }
    return false;
  }

  bool match_moves(size_t p, Instr& out) const {
    if (op(p) == Op::GetSlot && op(p + 1) == Op::GetSlot) {
      out = make(QuickOp::GetSlot2);
      set_field<uint16_t, 2>(out, slot(p));
      set_field<uint16_t, 8>(out, slot(p + 1));
      return true;
    }
    if (op(p) == Op::SetSlot && op(p + 1) == Op::SetSlot) {
      out = make(QuickOp::SetSlot2);
      set_field<uint16_t, 2>(out, at(p).get<Op::SetSlot, 0>());
      set_field<uint16_t, 8>(out, at(p + 1).get<Op::SetSlot, 0>());
      return true;
    }
    if (op(p) == Op::GetSlot && op(p + 1) == Op::SetSlot) {
      out = make(QuickOp::MoveSlot);
      set_field<uint16_t, 2>(out, slot(p));
      set_field<uint16_t, 4>(out, at(p + 1).get<Op::SetSlot, 0>());
      return true;
    }
    return false;
  }

  const Instr* ops_;
  size_t n_;
};

}  // namespace

void quicken(const Instr* ops, size_t n, Instr* out) {
  // Quick ops keep jump targets in 32 bits.
  if (n >= std::numeric_limits<uint32_t>::max()) return;
  const Quickener q(ops, n);
  for (size_t p = 0; p < n; ++p) {
    Instr quick;
    if (q.match(p, quick)) out[p] = quick;
  }
}

}  // namespace fusevm::quick
