// IrEmitter: appending with constant folding, simplification and CSE (emit.h).
#include "jit/trace/emit.h"

#include <bit>
#include <cmath>

#include "fusevm/value.h"
#include "jit/runtime/context.h"

namespace fusevm::jit::trace {

namespace {

Value value_of(IrType t, uint64_t bits) {
  switch (t) {
    case IrType::Bool: return Value::boolean(bits != 0);
    case IrType::Int: return Value::integer(static_cast<int64_t>(bits));
    case IrType::Float: return Value::floating(std::bit_cast<double>(bits));
    default: return Value();
  }
}

uint64_t fbits(double d) { return std::bit_cast<uint64_t>(d); }
double fval(uint64_t b) { return std::bit_cast<double>(b); }
int64_t ival(uint64_t b) { return static_cast<int64_t>(b); }

}  // namespace

uint64_t eval_pure(IrOp op, IrType type, IrType ta, uint64_t a, IrType tb, uint64_t b, uint64_t imm) {
  (void)type;
  (void)tb;
  switch (op) {
    case IrOp::ToFloat: return fbits(value_of(ta, a).to_float());
    case IrOp::ToInt: return static_cast<uint64_t>(value_of(ta, a).to_int());
    case IrOp::Truthy: return value_of(ta, a).is_truthy() ? 1 : 0;
    case IrOp::Not: return a ? 0 : 1;
    case IrOp::AddI: return a + b;
    case IrOp::SubI: return a - b;
    case IrOp::MulI: return a * b;
    case IrOp::ModI: return (ival(b) == 0 || ival(b) == -1) ? 0 : static_cast<uint64_t>(ival(a) % ival(b));
    case IrOp::NegI: return 0 - a;
    case IrOp::BAnd: return a & b;
    case IrOp::BOr: return a | b;
    case IrOp::BXor: return a ^ b;
    case IrOp::BNot: return ~a;
    case IrOp::Shl: return a << (b & 63);
    case IrOp::Sar: return static_cast<uint64_t>(ival(a) >> (b & 63));
    case IrOp::AddF: return fbits(fval(a) + fval(b));
    case IrOp::SubF: return fbits(fval(a) - fval(b));
    case IrOp::MulF: return fbits(fval(a) * fval(b));
    case IrOp::DivF: return fbits(fval(a) / fval(b));
    case IrOp::NegF: return a ^ 0x8000000000000000ull;
    case IrOp::AbsF: return a & ~0x8000000000000000ull;
    case IrOp::SqrtF: return fbits(std::sqrt(fval(a)));
    case IrOp::CallF1: {
      const auto fn = reinterpret_cast<double (*)(double)>(const_cast<void*>(helper_table()[imm]));
      return fbits(fn(fval(a)));
    }
    case IrOp::CallF2: {
      const auto fn = reinterpret_cast<double (*)(double, double)>(const_cast<void*>(helper_table()[imm]));
      return fbits(fn(fval(a), fval(b)));
    }
    case IrOp::LtI: return ival(a) < ival(b);
    case IrOp::LtU: return a < b;
    case IrOp::LeI: return ival(a) <= ival(b);
    case IrOp::EqI: return a == b;
    case IrOp::NeI: return a != b;
    case IrOp::LtF: return fval(a) < fval(b);
    case IrOp::LeF: return fval(a) <= fval(b);
    case IrOp::EqF: return fval(a) == fval(b);
    case IrOp::NeF: return fval(a) != fval(b);
    case IrOp::CmpI: return static_cast<uint64_t>(static_cast<int64_t>(ival(a) > ival(b)) - (ival(a) < ival(b)));
    case IrOp::CmpF: return static_cast<uint64_t>(static_cast<int64_t>(fval(a) > fval(b)) - (fval(b) > fval(a)));
    case IrOp::BAndB: return a & b;
    case IrOp::BOrB: return a | b;
    default: return 0;
  }
}

size_t IrEmitter::KeyHash::operator()(const Key& k) const noexcept {
  uint64_t h = static_cast<uint64_t>(k.op) | (static_cast<uint64_t>(k.type) << 8);
  h = h * 0x9E3779B97F4A7C15ull ^ k.a;
  h = h * 0x9E3779B97F4A7C15ull ^ k.b;
  h = h * 0x9E3779B97F4A7C15ull ^ k.imm;
  return static_cast<size_t>(h ^ (h >> 29));
}

Ref IrEmitter::append(const IrIns& ins) {
  ir_.ins.push_back(ins);
  return static_cast<Ref>(ir_.ins.size() - 1);
}

Ref IrEmitter::kfloat(double v) {
  return emit(IrOp::KFloat, IrType::Float, kNoRef, kNoRef, std::bit_cast<uint64_t>(v));
}

Ref IrEmitter::fold(IrOp op, IrType type, Ref a, Ref b, uint64_t imm) {
  const int n = ir_operand_count(op);
  if (n == 0 || ir_is_const(op)) return kNoRef;
  if (!is_const(a) || (n == 2 && !is_const(b))) return kNoRef;
  if (op == IrOp::DivF && std::bit_cast<double>(at(b).imm) == 0.0) return kNoRef;  // the guard exits first
  const IrType tb = n == 2 ? at(b).type : IrType::Undef;
  const uint64_t r = eval_pure(op, type, at(a).type, at(a).imm, tb, n == 2 ? at(b).imm : 0, imm);
  switch (type) {
    case IrType::Int: return kint(static_cast<int64_t>(r));
    case IrType::Float: return emit(IrOp::KFloat, IrType::Float, kNoRef, kNoRef, r);
    case IrType::Bool: return kbool(r != 0);
    default: return kundef();
  }
}

Ref IrEmitter::simplify(IrOp op, IrType type, Ref a, Ref b) {
  const auto is_int = [&](Ref r, int64_t v) { return at(r).op == IrOp::KInt && static_cast<int64_t>(at(r).imm) == v; };
  switch (op) {
    case IrOp::AddI:
      if (is_int(b, 0)) return a;
      if (is_int(a, 0)) return b;
      return kNoRef;
    case IrOp::SubI:
      if (is_int(b, 0)) return a;
      if (a == b) return kint(0);
      return kNoRef;
    case IrOp::MulI:
      if (is_int(b, 1)) return a;
      if (is_int(a, 1)) return b;
      if (is_int(a, 0) || is_int(b, 0)) return kint(0);
      return kNoRef;
    case IrOp::MulF:  // x * 1.0 is x exactly (NaN payloads and -0.0 included)
      if (at(b).op == IrOp::KFloat && std::bit_cast<double>(at(b).imm) == 1.0) return a;
      return kNoRef;
    case IrOp::BAnd:
    case IrOp::BOr:
    case IrOp::BAndB:
    case IrOp::BOrB:
      if (a == b) return a;
      return kNoRef;
    case IrOp::Not:
      if (at(a).op == IrOp::Not) return at(a).a;
      return kNoRef;
    case IrOp::EqI:
    case IrOp::LeI:
      if (a == b) return kbool(true);
      return kNoRef;
    case IrOp::LtI:
    case IrOp::NeI:
      if (a == b) return kbool(false);
      return kNoRef;
    default:
      (void)type;
      return kNoRef;
  }
}

Ref IrEmitter::emit(IrOp op, IrType type, Ref a, Ref b, uint64_t imm) {
  IrIns ins;
  ins.op = op;
  ins.type = type;
  ins.a = a;
  ins.b = b;
  ins.imm = imm;
  const bool constant = ir_is_const(op);
  if (!ir_is_pure(op)) return append(ins);
  if (flags_.fold && !constant) {
    if (Ref r = fold(op, type, a, b, imm); r != kNoRef) return r;
    if (Ref r = simplify(op, type, a, b); r != kNoRef) return r;
  }
  // Constants are always shared (a constant has no cost to find again); other pure ops only
  // with CSE on.
  if (!flags_.cse && !constant) return append(ins);
  const Key key{op, type, a, b, imm};
  if (auto it = cse_.find(key); it != cse_.end()) return it->second;
  const Ref r = append(ins);
  cse_.emplace(key, r);
  return r;
}

void IrEmitter::adopt_existing() { adopt(std::vector<uint8_t>(ir_.ins.size(), 1)); }

void IrEmitter::adopt(const std::vector<uint8_t>& visible) {
  for (Ref r = 0; r < ir_.ins.size() && r < visible.size(); ++r) {
    if (!visible[r]) continue;
    const IrIns& i = ir_.ins[r];
    if (ir_is_pure(i.op) && (flags_.cse || ir_is_const(i.op))) cse_.emplace(Key{i.op, i.type, i.a, i.b, i.imm}, r);
    if (ir_is_guard(i.op) && !ir_is_effect_guard(i.op)) assume(i.op, i.a, i.imm);
  }
}

void IrEmitter::assume(IrOp op, Ref a, uint64_t imm) {
  if (flags_.guard_elim) cse_.emplace(Key{op, IrType::Undef, a, kNoRef, imm}, 0);
}

bool IrEmitter::guard(IrOp op, Ref a, uint32_t snap, bool may_drop, uint64_t imm) {
  if (flags_.guard_elim && !ir_is_effect_guard(op) && may_drop) {
    if (a != kNoRef && is_const(a)) {
      const uint64_t v = at(a).imm;
      const bool passes = op == IrOp::GuardTrue ? v != 0
                          : op == IrOp::GuardFalse ? v == 0
                                                   : std::bit_cast<double>(v) != 0.0;
      if (passes) return true;
      return false;
    }
    // The same guard on the same value earlier on the line: it passed, so this one does.
    const Key key{op, IrType::Undef, a, kNoRef, imm};
    if (cse_.count(key)) return true;
    cse_.emplace(key, static_cast<Ref>(ir_.ins.size()));
    // A guard on `not x` is the opposite guard on x, and implies it.
    const IrOp opposite = op == IrOp::GuardTrue ? IrOp::GuardFalse : IrOp::GuardTrue;
    if ((op == IrOp::GuardTrue || op == IrOp::GuardFalse) && at(a).op == IrOp::Not) cse_.emplace(Key{opposite, IrType::Undef, at(a).a, kNoRef, 0}, 0);
  }
  IrIns ins;
  ins.op = op;
  ins.type = IrType::Undef;
  ins.a = a;
  ins.imm = imm;
  ins.snap = snap;
  append(ins);
  return true;
}

Ref IrEmitter::to_float(Ref r) {
  if (type(r) == IrType::Float) return r;
  return emit(IrOp::ToFloat, IrType::Float, r);
}

Ref IrEmitter::to_int(Ref r) {
  if (type(r) == IrType::Int) return r;
  return emit(IrOp::ToInt, IrType::Int, r);
}

Ref IrEmitter::truthy(Ref r) {
  if (type(r) == IrType::Bool) return r;
  return emit(IrOp::Truthy, IrType::Bool, r);
}

}  // namespace fusevm::jit::trace
