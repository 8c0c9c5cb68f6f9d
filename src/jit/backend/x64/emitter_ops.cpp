// The code generator's op emitters: one walker callback per op family (walk.h decides which,
// with which types; this file only says how). Each follows the interpreter's rule for the
// operand kinds it is given (src/interp/loop.cpp).
#include <bit>
#include <cmath>

#include "jit/backend/x64/emitter.h"
#include "jit/backend/x64/registers.h"
#include "jit/runtime/context.h"

namespace fusevm::jit::x64 {

using asmjit::Imm;
using asmjit::Label;

namespace {
bool fits_i32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }
ax::CondCode negate(ax::CondCode cc) { return static_cast<ax::CondCode>(static_cast<uint8_t>(cc) ^ 1u); }
constexpr uint64_t kSignBit = 0x8000000000000000ull;
}  // namespace

// ── Narrowing ──

bool FunctionEmitter::narrow(size_t k) {
  Entry& e = top(k);
  if (is_single_scalar(e.type)) return true;
  const TypeSet want = speculate(e.type);
  if (want == kNone) return false;
  // Only VM-memory values carry a set of kinds: check the tag.
  const size_t pos = stack_.size() - 1 - k;
  const Label out = exit_here();
  a_.cmp(stack_mem(pos, kTagOffset).cloneResized(1), Imm(static_cast<int>(tag_of(want))));
  a_.jne(out);
  top(k).type = want;
  return true;
}

bool FunctionEmitter::narrow_slot(uint32_t d) {
  SlotRep& s = slots_[d];
  if (!is_single_scalar(s.type)) {
    const TypeSet want = speculate(s.type);
    if (want == kNone) return false;
    const Label out = exit_here();
    a_.cmp(slot_mem(d, kTagOffset).cloneResized(1), Imm(static_cast<int>(tag_of(want))));
    a_.jne(out);
    slots_[d].type = want;
  }
  ensure_home(d);
  return true;
}

// ── Constants and the stack ──

void FunctionEmitter::push_const(TypeSet t, uint64_t bits) {
  Entry e;
  e.loc = Loc::Const;
  e.type = t;
  e.bits = bits;
  stack_.push_back(e);
}

void FunctionEmitter::drop(size_t n) {
  for (size_t i = 0; i < n; ++i) {
    free_entry(stack_.back());
    stack_.pop_back();
  }
}

void FunctionEmitter::dup(size_t k) {
  const Entry e = top(k);
  if (e.loc == Loc::Const || e.loc == Loc::Slot) {
    stack_.push_back(e);
    return;
  }
  if (e.type == kUndef) {
    push_const(kUndef, 0);
    return;
  }
  if (e.type == kFloat) {
    const ax::Xmm t = xmm_temp(e.loc == Loc::Reg ? 1u << e.reg : 0);
    load_float(top(k), t);
    push_reg(kFloat, t.id());
  } else {
    const ax::Gp t = gpr_temp(e.loc == Loc::Reg ? 1u << e.reg : 0);
    load_int(top(k), t);
    push_reg(e.type, t.id());
  }
}

void FunctionEmitter::swap() {
  // Entries in VM memory are tied to their position: give them registers before moving them.
  for (size_t k = 0; k < 2; ++k) {
    if (top(k).loc != Loc::Mem) continue;
    const size_t pos = stack_.size() - 1 - k;
    if (top(k).type == kUndef) {
      stack_[pos] = Entry{Loc::Const, kUndef};
    } else if (top(k).type == kFloat) {
      const ax::Xmm t = xmm_temp();
      load_float(stack_[pos], t);
      stack_[pos].loc = Loc::Reg;
      stack_[pos].reg = static_cast<uint8_t>(t.id());
    } else {
      const ax::Gp t = gpr_temp();
      load_int(stack_[pos], t);
      stack_[pos].loc = Loc::Reg;
      stack_[pos].reg = static_cast<uint8_t>(t.id());
    }
  }
  std::swap(top(0), top(1));
}

void FunctionEmitter::rot() {
  // [a b c] -> [b c a]: two swaps, each giving memory entries registers first.
  Entry c = top(0);
  stack_.pop_back();
  swap();  // [b a]
  stack_.push_back(c);
  swap();  // [b c a]
}

// ── Slots ──

void FunctionEmitter::get_slot(uint32_t d) {
  const SlotRep& s = slots_[d];
  if (s.type == kUndef) {
    push_const(kUndef, 0);
    return;
  }
  Entry e;
  e.loc = Loc::Slot;
  e.type = s.type;
  e.slot = d;
  stack_.push_back(e);
}

void FunctionEmitter::set_slot(uint32_t d) {
  detach_slot(d);
  const Entry& v = top();
  SlotRep& s = slots_[d];
  if (v.type == kUndef) {
    a_.mov(slot_mem(d), Imm(0));
    a_.mov(slot_mem(d, kTagOffset).cloneResized(1), Imm(static_cast<int>(ValueType::Undef)));
    s = SlotRep{kUndef, false};
  } else if (v.type == kFloat) {
    const Home& h = xmm_home_[d];
    if (h.in_reg) {
      load_float(v, xmm(h.reg));
    } else {
      load_float(v, ax::xmm0);
      a_.movsd(spill_mem(h.spill), ax::xmm0);
    }
    s = SlotRep{kFloat, true};
  } else {
    const Home& h = gpr_home_[d];
    if (h.in_reg) {
      load_int(v, gp(h.reg));
    } else {
      load_int(v, ax::rax);
      a_.mov(spill_mem(h.spill), ax::rax);
    }
    s = SlotRep{v.type, true};
  }
  drop(1);
}

// ── Unary ops ──

void FunctionEmitter::unary(Op op, TypeSet out) {
  Entry& v = top();
  switch (op) {
    case Op::Negate: {
      if (out == kInt) {
        const ax::Gp r = take_int(v);
        a_.neg(r);
        drop(1);
        push_reg(kInt, r.id());
        return;
      }
      const ax::Xmm r = take_float(v);
      a_.mov(ax::rax, Imm(static_cast<int64_t>(kSignBit)));
      a_.movq(ax::xmm0, ax::rax);
      a_.xorpd(r, ax::xmm0);
      drop(1);
      push_reg(kFloat, r.id());
      return;
    }
    case Op::Inc:
    case Op::Dec:
    case Op::TruncInt:
    case Op::BitNot: {
      const ax::Gp r = take_int(v);
      if (op == Op::Inc) a_.add(r, 1);
      if (op == Op::Dec) a_.sub(r, 1);
      if (op == Op::BitNot) a_.not_(r);
      drop(1);
      push_reg(kInt, r.id());
      return;
    }
    case Op::LogNot: {
      const ax::Gp r = gpr_temp(pin_gpr(v));
      truth_to_gpr(v, r, false);
      drop(1);
      push_reg(kBool, r.id());
      return;
    }
    case Op::SqrtFloat:
    case Op::AbsFloat: {
      const ax::Xmm r = take_float(v);
      if (op == Op::SqrtFloat) {
        a_.sqrtsd(r, r);
      } else {
        a_.mov(ax::rax, Imm(static_cast<int64_t>(~kSignBit)));
        a_.movq(ax::xmm0, ax::rax);
        a_.andpd(r, ax::xmm0);
      }
      drop(1);
      push_reg(kFloat, r.id());
      return;
    }
    case Op::SinFloat: float_helper(static_cast<uint32_t>(Helper::Sin), 1); return;
    case Op::CosFloat: float_helper(static_cast<uint32_t>(Helper::Cos), 1); return;
    case Op::ExpFloat: float_helper(static_cast<uint32_t>(Helper::Exp), 1); return;
    case Op::LogFloat: float_helper(static_cast<uint32_t>(Helper::Log), 1); return;
    case Op::AwkMkbool: {
      // With an awk host installed the host decides (it may redefine mkbool): leave it to the VM.
      const Label to_vm = exit_here();
      a_.cmp(ax::qword_ptr(kCtx, ctx_off::awk_host), Imm(0));
      a_.jne(to_vm);
      const ax::Xmm r = xmm_temp(pin_xmm(top()));
      truth_to_gpr(top(), ax::rax, true);
      a_.xorpd(r, r);
      a_.cvtsi2sd(r, ax::rax);
      drop(1);
      push_reg(kFloat, r.id());
      return;
    }
    default:
      failed_ = true;
      error_ = "no unary emitter for " + std::string(op_name(op));
  }
}

// Truthiness: sets the flags and returns true with `cc` meaning "truthy" when one condition
// code says it; returns false with `known` when it is known at compile time; returns false
// with !known for a Float, after `ucomisd x, 0.0` (truthy unless ZF && !PF).
bool FunctionEmitter::truth(const Entry& e, ax::CondCode& cc, bool& known, bool& value) {
  known = false;
  if (e.type == kUndef) {
    known = true;
    value = false;
    return false;
  }
  if (e.loc == Loc::Const) {
    known = true;
    value = e.type == kFloat ? std::bit_cast<double>(e.bits) != 0.0 || std::isnan(std::bit_cast<double>(e.bits))
                             : e.bits != 0;
    return false;
  }
  if (e.loc == Loc::Cond) {
    cc = e.cc;
    return true;
  }
  if (e.type == kFloat) {
    const XmmView x = float_view(e);
    a_.xorpd(ax::xmm1, ax::xmm1);
    a_.ucomisd(x.r, ax::xmm1);
    release(x);
    return false;
  }
  if (e.loc == Loc::Mem) {
    const size_t pos = position_of(e);
    if (e.type == kBool) a_.cmp(stack_mem(pos).cloneResized(1), Imm(0));
    else a_.cmp(stack_mem(pos), Imm(0));
  } else if (e.loc == Loc::Slot && !gpr_home_[e.slot].in_reg) {
    a_.cmp(spill_mem(gpr_home_[e.slot].spill), Imm(0));
  } else {
    const ax::Gp r = e.loc == Loc::Reg ? gp(e.reg) : gp(gpr_home_[e.slot].reg);
    a_.test(r, r);
  }
  cc = ax::CondCode::kNE;
  return true;
}

void FunctionEmitter::truth_to_gpr(const Entry& e, ax::Gp dst, bool when) {
  ax::CondCode cc;
  bool known = false, value = false;
  if (truth(e, cc, known, value)) {
    a_.set(when ? cc : negate(cc), dst.r8());
    a_.movzx(dst.r32(), dst.r8());
  } else if (known) {
    a_.mov(dst.r32(), Imm(value == when ? 1 : 0));
  } else if (when) {  // a Float is truthy unless it compares equal to 0.0 (NaN is truthy)
    a_.setne(ax::al);
    a_.setp(ax::cl);
    a_.or_(ax::al, ax::cl);
    a_.movzx(dst.r32(), ax::al);
  } else {
    a_.sete(ax::al);
    a_.setnp(ax::cl);
    a_.and_(ax::al, ax::cl);
    a_.movzx(dst.r32(), ax::al);
  }
}

void FunctionEmitter::jump_if(const Entry& e, bool when, Label to) {
  ax::CondCode cc;
  bool known = false, value = false;
  if (truth(e, cc, known, value)) {
    a_.j(when ? cc : negate(cc), to);
  } else if (known) {
    if (value == when) a_.jmp(to);
  } else if (when) {  // Float truthy: not equal, or unordered
    a_.jne(to);
    a_.jp(to);
  } else {  // Float falsy: equal and ordered
    const Label skip = a_.newLabel();
    a_.jp(skip);
    a_.je(to);
    a_.bind(skip);
  }
}

// ── Binary ops ──

void FunctionEmitter::binary(Op op, TypeSet out) {
  Entry& a = top(1);
  Entry& b = top(0);
  const bool ints = a.type == kInt && b.type == kInt;
  const uint32_t pins_g = pin_gpr(a) | pin_gpr(b);
  const uint32_t pins_x = pin_xmm(a) | pin_xmm(b);
  const bool b_imm = b.loc == Loc::Const && b.type != kFloat && fits_i32(static_cast<int64_t>(b.bits));
  switch (op) {
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
      if (out == kInt) {
        const int hint = result_home_hint(b);
        ax::Gp r;
        if (hint >= 0) {
          r = gp(static_cast<uint32_t>(hint));
          load_int(a, r);
        } else {
          r = take_int(a, pins_g);
        }
        if (b_imm) {
          const Imm imm(static_cast<int32_t>(b.bits));
          if (op == Op::Add) a_.add(r, imm);
          if (op == Op::Sub) a_.sub(r, imm);
          if (op == Op::Mul) a_.imul(r, r, imm);
        } else {
          const GpView vb = int_view(b, pins_g | (1u << r.id()));
          if (op == Op::Add) a_.add(r, vb.r);
          if (op == Op::Sub) a_.sub(r, vb.r);
          if (op == Op::Mul) a_.imul(r, vb.r);
          release(vb);
        }
        drop(2);
        push_reg(kInt, r.id());
        return;
      }
      [[fallthrough]];
    case Op::Div:
    case Op::AwkDivJit: {
      const XmmView vb = float_view(b, pins_x);
      if (op == Op::Div || op == Op::AwkDivJit) {
        // A zero divisor gives Undef (Div) or an error (AwkDivJit): the interpreter does it.
        const Label out_label = exit_here();
        const Label ok = a_.newLabel();
        a_.xorpd(ax::xmm0, ax::xmm0);
        a_.ucomisd(vb.r, ax::xmm0);
        a_.jp(ok);
        a_.je(out_label);
        a_.bind(ok);
      }
      const ax::Xmm r = take_float(a, pins_x | (1u << vb.r.id()));
      if (op == Op::Add) a_.addsd(r, vb.r);
      if (op == Op::Sub) a_.subsd(r, vb.r);
      if (op == Op::Mul) a_.mulsd(r, vb.r);
      if (op == Op::Div || op == Op::AwkDivJit) a_.divsd(r, vb.r);
      release(vb);
      drop(2);
      push_reg(kFloat, r.id());
      return;
    }
    case Op::Mod:
      if (out == kInt) {
        const ax::Gp r = gpr_temp(pins_g);
        if (b.loc == Loc::Const) {
          const auto divisor = static_cast<int64_t>(b.bits);
          if (divisor == 0 || divisor == -1) {  // x % 0 is 0; MIN % -1 is 0 (DEVIATIONS.md B)
            a_.xor_(r.r32(), r.r32());
          } else {
            load_int(a, ax::rax);
            a_.mov(ax::rcx, Imm(divisor));
            emit_idiv_remainder();
            a_.mov(r, ax::rdx);
          }
        } else {
          load_int(b, ax::rcx);
          load_int(a, ax::rax);
          // A divisor of 0 or -1 gives 0, out of line: in a loop the division falls through.
          const Label trivial = a_.newLabel(), done = a_.newLabel();
          a_.lea(ax::rdx, ax::qword_ptr(ax::rcx, 1));
          a_.cmp(ax::rdx, Imm(1));
          a_.jbe(trivial);
          emit_idiv_remainder();
          a_.bind(done);
          deferred_.push_back([this, trivial, done] {
            a_.bind(trivial);
            a_.xor_(ax::edx, ax::edx);
            a_.jmp(done);
          });
          a_.mov(r, ax::rdx);
        }
        drop(2);
        push_reg(kInt, r.id());
        return;
      }
      float_helper(static_cast<uint32_t>(Helper::Fmod), 2);
      return;
    case Op::AwkModJit: {
      const XmmView vb = float_view(b, pins_x);
      const Label out_label = exit_here();  // a zero divisor is an error: the interpreter raises it
      const Label ok = a_.newLabel();
      a_.xorpd(ax::xmm0, ax::xmm0);
      a_.ucomisd(vb.r, ax::xmm0);
      a_.jp(ok);
      a_.je(out_label);
      a_.bind(ok);
      release(vb);
      float_helper(static_cast<uint32_t>(Helper::Fmod), 2);
      return;
    }
    case Op::Pow:
    case Op::PowFloat:
      float_helper(static_cast<uint32_t>(Helper::Pow), 2);
      return;
    case Op::Atan2Float:
      float_helper(static_cast<uint32_t>(Helper::Atan2), 2);
      return;

    case Op::NumEq:
    case Op::NumNe:
    case Op::NumLt:
    case Op::NumGt:
    case Op::NumLe:
    case Op::NumGe: {
      const bool fuse = next_is_branch();
      // The result register is taken before the compare: allocating may spill (plain stores,
      // which keep the flags, but they must not come between the compare and its use).
      const ax::Gp r = fuse ? ax::Gp(ax::rax) : gpr_temp(pins_g);
      const uint32_t pin_r = fuse ? 0 : 1u << r.id();
      ax::CondCode cc = ax::CondCode::kE;
      bool two_flags = false;
      if (ints) {
        const GpView va = int_view(a, pins_g | pin_r);
        if (b_imm) {
          a_.cmp(va.r, Imm(static_cast<int32_t>(b.bits)));
        } else {
          const GpView vb = int_view(b, pins_g | pin_r | (1u << va.r.id()));
          a_.cmp(va.r, vb.r);
          release(vb);
        }
        release(va);
        switch (op) {
          case Op::NumEq: cc = ax::CondCode::kE; break;
          case Op::NumNe: cc = ax::CondCode::kNE; break;
          case Op::NumLt: cc = ax::CondCode::kL; break;
          case Op::NumGt: cc = ax::CondCode::kG; break;
          case Op::NumLe: cc = ax::CondCode::kLE; break;
          default: cc = ax::CondCode::kGE; break;
        }
      } else {
        const XmmView xa = float_view(a, pins_x);
        const XmmView xb = float_view(b, pins_x | (1u << xa.r.id()));
        // Unordered (NaN) makes every comparison false except !=, as in C++.
        switch (op) {
          case Op::NumLt: a_.ucomisd(xb.r, xa.r); cc = ax::CondCode::kA; break;
          case Op::NumGt: a_.ucomisd(xa.r, xb.r); cc = ax::CondCode::kA; break;
          case Op::NumLe: a_.ucomisd(xb.r, xa.r); cc = ax::CondCode::kAE; break;
          case Op::NumGe: a_.ucomisd(xa.r, xb.r); cc = ax::CondCode::kAE; break;
          default: a_.ucomisd(xa.r, xb.r); two_flags = true; break;
        }
        release(xa);
        release(xb);
      }
      if (fuse && !two_flags) {
        drop(2);  // emits nothing: the flags survive until the branch
        Entry c;
        c.loc = Loc::Cond;
        c.type = kBool;
        c.cc = cc;
        stack_.push_back(c);
        return;
      }
      const ax::Gp dst = fuse ? ax::Gp(ax::rdx) : r;
      if (two_flags) {
        if (op == Op::NumEq) {
          a_.sete(ax::al);
          a_.setnp(ax::cl);
          a_.and_(ax::al, ax::cl);
        } else {
          a_.setne(ax::al);
          a_.setp(ax::cl);
          a_.or_(ax::al, ax::cl);
        }
        a_.movzx(dst.r32(), ax::al);
      } else {
        a_.set(cc, dst.r8());
        a_.movzx(dst.r32(), dst.r8());
      }
      drop(2);
      if (fuse) {
        // A two-flag Float == / != before a branch: branch on the 0/1 we just computed.
        a_.test(ax::edx, ax::edx);
        Entry c;
        c.loc = Loc::Cond;
        c.type = kBool;
        c.cc = ax::CondCode::kNE;
        stack_.push_back(c);
        return;
      }
      push_reg(kBool, r.id());
      return;
    }
    case Op::Spaceship: {
      const ax::Gp r = gpr_temp(pins_g);
      if (ints) {
        const GpView va = int_view(a, pins_g | (1u << r.id()));
        const GpView vb = int_view(b, pins_g | (1u << r.id()) | (1u << va.r.id()));
        a_.cmp(va.r, vb.r);
        a_.setg(ax::al);
        a_.setl(ax::cl);
        release(va);
        release(vb);
      } else {
        const XmmView xa = float_view(a, pins_x);
        const XmmView xb = float_view(b, pins_x | (1u << xa.r.id()));
        a_.ucomisd(xa.r, xb.r);
        a_.seta(ax::al);
        a_.ucomisd(xb.r, xa.r);
        a_.seta(ax::cl);
        release(xa);
        release(xb);
      }
      a_.sub(ax::al, ax::cl);
      a_.movsx(r, ax::al);
      drop(2);
      push_reg(kInt, r.id());
      return;
    }
    case Op::LogAnd:
    case Op::LogOr: {
      const ax::Gp r = gpr_temp(pins_g);
      // truthy(a) into r, truthy(b) into rdx (scratch), then combine.
      truth_to_gpr(top(1), r, true);
      truth_to_gpr(top(0), ax::rdx, true);
      if (op == Op::LogAnd) a_.and_(r, ax::rdx);
      else a_.or_(r, ax::rdx);
      drop(2);
      push_reg(kBool, r.id());
      return;
    }
    case Op::BitAnd:
    case Op::BitOr:
    case Op::BitXor: {
      const ax::Gp r = take_int(a, pins_g);
      if (b_imm) {
        const Imm imm(static_cast<int32_t>(b.bits));
        if (op == Op::BitAnd) a_.and_(r, imm);
        if (op == Op::BitOr) a_.or_(r, imm);
        if (op == Op::BitXor) a_.xor_(r, imm);
      } else {
        load_int(b, ax::rdx);
        if (op == Op::BitAnd) a_.and_(r, ax::rdx);
        if (op == Op::BitOr) a_.or_(r, ax::rdx);
        if (op == Op::BitXor) a_.xor_(r, ax::rdx);
      }
      drop(2);
      push_reg(kInt, r.id());
      return;
    }
    case Op::Shl:
    case Op::Shr: {
      const ax::Gp r = take_int(a, pins_g);
      if (b.loc == Loc::Const && b.type != kFloat) {
        const auto count = static_cast<uint32_t>(b.bits & 63);
        if (op == Op::Shl) a_.shl(r, Imm(count));
        else a_.sar(r, Imm(count));
      } else {
        load_int(b, ax::rcx);  // x86 masks 64-bit shift counts to 6 bits, as the interpreter does
        if (op == Op::Shl) a_.shl(r, ax::cl);
        else a_.sar(r, ax::cl);
      }
      drop(2);
      push_reg(kInt, r.id());
      return;
    }
    default:
      failed_ = true;
      error_ = "no binary emitter for " + std::string(op_name(op));
  }
}

// For `... op; SetSlot s`, the register to compute the result in: s's GPR home, when nothing
// else on the stack refers to s and the second operand does not read it (SetSlot then finds the
// value already at home). -1 otherwise.
int FunctionEmitter::result_home_hint(const Entry& b) const {
  if (ip_ + 1 >= block_->end || ops_[ip_ + 1].op != Op::SetSlot) return -1;
  const uint32_t d = f_.region.slot_index(ops_[ip_ + 1].get<Op::SetSlot, 0>());
  const Home& h = gpr_home_[d];
  if (!h.in_reg || (slots_[d].type & kOther)) return -1;
  if (b.loc == Loc::Slot && b.slot == d) return -1;
  for (size_t pos = 0; pos + 2 < stack_.size(); ++pos)
    if (stack_[pos].loc == Loc::Slot && stack_[pos].slot == d) return -1;
  return h.reg;
}

// rdx = rax % rcx (truncated; rcx is neither 0 nor -1). A 64-bit idiv is slow; when both
// operands fit in 32 bits the quotient is taken with a double division instead, which is exact
// there: for |a| < 2^53 the rounded a/b never crosses an integer (a non-integral a/b is at least
// 1/|b| away from one, the rounding error at most |a/b| * 2^-53 < 1/|b|), so truncating it gives
// the integer quotient, and a - q*b the remainder.
//
// The 64-bit path is out of line, so that the common case runs straight through.
void FunctionEmitter::emit_idiv_remainder() {
  const Label wide = a_.newLabel(), done = a_.newLabel();
  a_.movsxd(ax::rdx, ax::eax);
  a_.cmp(ax::rdx, ax::rax);
  a_.jne(wide);
  a_.movsxd(ax::rdx, ax::ecx);
  a_.cmp(ax::rdx, ax::rcx);
  a_.jne(wide);
  a_.xorpd(ax::xmm0, ax::xmm0);
  a_.xorpd(ax::xmm1, ax::xmm1);
  a_.cvtsi2sd(ax::xmm0, ax::rax);
  a_.cvtsi2sd(ax::xmm1, ax::rcx);
  a_.divsd(ax::xmm0, ax::xmm1);
  a_.cvttsd2si(ax::rdx, ax::xmm0);
  a_.imul(ax::rdx, ax::rcx);
  a_.sub(ax::rax, ax::rdx);
  a_.mov(ax::rdx, ax::rax);
  a_.bind(done);
  deferred_.push_back([this, wide, done] {
    a_.bind(wide);
    a_.cqo();
    a_.idiv(ax::rcx);
    a_.jmp(done);
  });
}

// ── Fused slot ops ──

void FunctionEmitter::slot_update(Op op, uint32_t d) {
  detach_slot(d);
  {
    Entry cur;
    cur.loc = Loc::Slot;
    cur.type = slots_[d].type;
    cur.slot = d;
    if (cur.type != kInt) {
      load_int(cur, ax::rdx);
      store_slot_gpr(d, ax::rdx);
      slots_[d] = SlotRep{kInt, true};
    }
  }
  const Home& h = gpr_home_[d];
  const auto step = [&](int delta) {
    if (h.in_reg) a_.add(gp(h.reg), Imm(delta));
    else a_.add(spill_mem(h.spill), Imm(delta));
  };
  switch (op) {
    case Op::PreIncSlot:
    case Op::PreDecSlot:
    case Op::PreIncSlotVoid:
      step(op == Op::PreDecSlot ? -1 : 1);
      if (op != Op::PreIncSlotVoid) {
        Entry e;
        e.loc = Loc::Slot;
        e.type = kInt;
        e.slot = d;
        stack_.push_back(e);
      }
      return;
    default: {  // PostIncSlot, PostDecSlot: push the old value
      const ax::Gp t = gpr_temp(h.in_reg ? 1u << h.reg : 0);
      if (h.in_reg) a_.mov(t, gp(h.reg));
      else a_.mov(t, spill_mem(h.spill));
      step(op == Op::PostDecSlot ? -1 : 1);
      push_reg(kInt, t.id());
      return;
    }
  }
}

void FunctionEmitter::add_assign_slot(uint32_t a, uint32_t b) {
  detach_slot(a);
  Entry eb;
  eb.loc = Loc::Slot;
  eb.type = slots_[b].type;
  eb.slot = b;
  if (eb.type == kUndef) eb = Entry{Loc::Const, kUndef};
  load_int(eb, ax::rcx);  // read b before a changes (they may be the same slot)
  Entry ea;
  ea.loc = Loc::Slot;
  ea.type = slots_[a].type;
  ea.slot = a;
  if (ea.type == kUndef) ea = Entry{Loc::Const, kUndef};
  if (ea.type != kInt) {
    load_int(ea, ax::rdx);
    store_slot_gpr(a, ax::rdx);
    slots_[a] = SlotRep{kInt, true};
  }
  const Home& h = gpr_home_[a];
  if (h.in_reg) a_.add(gp(h.reg), ax::rcx);
  else a_.add(spill_mem(h.spill), ax::rcx);
}

void FunctionEmitter::accum_sum(uint32_t s, uint32_t i, int32_t limit) {
  detach_slot(s);
  detach_slot(i);
  auto slot_entry = [&](uint32_t d) {
    Entry e;
    e.loc = Loc::Slot;
    e.type = slots_[d].type;
    e.slot = d;
    if (e.type == kUndef) e = Entry{Loc::Const, kUndef};
    return e;
  };
  const Label none = a_.newLabel(), done = a_.newLabel();
  load_int(slot_entry(i), ax::rcx);
  a_.cmp(ax::rcx, Imm(limit));
  a_.jge(none);
  {
    // Under a fuel limit the interpreter counts the iterations against it: leave it to the VM.
    if (unit_.fuel_checks) {
      const Label out = exit_here();
      a_.cmp(ax::qword_ptr(kCtx, ctx_off::check_at), Imm(-1));
      a_.jne(out);
    }
    save_live(0, 0);
    load_int(slot_entry(s), ax::rax);
    load_int(slot_entry(i), ax::rcx);
    a_.mov(ax::rdi, ax::rax);
    a_.mov(ax::rsi, ax::rcx);
    a_.mov(ax::edx, Imm(limit));
    call_helper(static_cast<uint32_t>(Helper::SumRange));
    restore_live();
    // executed += iterations (limit - i), i is still unchanged in its home
    load_int(slot_entry(i), ax::rcx);
    a_.mov(ax::rdx, Imm(limit));
    a_.sub(ax::rdx, ax::rcx);
    a_.add(kCount, ax::rdx);
    store_slot_gpr(s, ax::rax);
    a_.mov(ax::rax, Imm(limit));
    store_slot_gpr(i, ax::rax);
    a_.jmp(done);
  }
  a_.bind(none);
  // No iteration: both slots become Int(to_int(slot)), sum first (so i wins if they are one).
  load_int(slot_entry(s), ax::rax);
  load_int(slot_entry(i), ax::rcx);
  store_slot_gpr(s, ax::rax);
  store_slot_gpr(i, ax::rcx);
  a_.bind(done);
  slots_[s] = SlotRep{kInt, true};
  slots_[i] = SlotRep{kInt, true};
}

// ── Extension ops ──

void FunctionEmitter::native_op(const NativeOpSpec& spec, uint32_t import) {
  static constexpr ax::Gp kIntArgs[] = {ax::rdi, ax::rsi, ax::rdx, ax::rcx, ax::r8, ax::r9};
  const size_t n = spec.params.size();
  save_live(0, 0);
  // Stage every argument in the frame first: loading one into its register must not clobber
  // another's source.
  for (size_t p = 0; p < n; ++p) {
    const Entry& e = top(n - 1 - p);
    const ax::Mem cell = spill_mem(save_off_ + 8 * static_cast<int32_t>(32 + p));
    if (spec.params[p] == kFloat) {
      load_float(e, ax::xmm0);
      a_.movsd(cell, ax::xmm0);
    } else {
      load_int(e, ax::rax);
      a_.mov(cell, ax::rax);
    }
  }
  size_t ints = 0, floats = 0;
  for (size_t p = 0; p < n; ++p) {
    const ax::Mem cell = spill_mem(save_off_ + 8 * static_cast<int32_t>(32 + p));
    if (spec.params[p] == kFloat) a_.movsd(xmm(static_cast<uint32_t>(floats++)), cell);
    else a_.mov(kIntArgs[ints++], cell);
  }
  a_.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::imports));
  a_.call(ax::qword_ptr(ax::rax, static_cast<int32_t>(import) * 8));
  restore_live();
  drop(n);
  if (spec.result == kFloat) {
    const ax::Xmm r = xmm_temp();
    a_.movapd(r, ax::xmm0);
    push_reg(kFloat, r.id());
  } else {
    const ax::Gp r = gpr_temp();
    if (spec.result == kBool) a_.movzx(r.r32(), ax::al);
    else a_.mov(r, ax::rax);
    push_reg(spec.result, r.id());
  }
}

}  // namespace fusevm::jit::x64
