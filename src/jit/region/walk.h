// The walker: what every compiled op means, in terms of types — written once and run twice.
//
// The analysis runs it with a type-only emitter to find each block's entry state; the code
// generator runs it again over each block with the x86-64 emitter, which produces the machine
// code for each step. Both see the same decisions, so native code is generated exactly for the
// states the analysis proved (the code generator checks this at every edge and refuses to
// compile if it ever differs).
//
// The semantics mirror the interpreter (src/interp/loop.cpp), which stays the single source of
// truth; the per-op comments say which interpreter rule each result type comes from. An op the
// walker does not handle for the types at hand returns false: the block stops there and the
// native code exits to the interpreter, which runs that op itself.
//
// The emitter interface E (both emitters implement it):
//   depth(), type(k) [k from the top], slot_type(d) [dense slot index]
//   narrow(k), narrow_slot(d)      make a set one scalar kind (a guard when it is a set of
//                                  several); false if no scalar kind is possible
//   push_const(t, bits), drop(n), dup(k), swap(), rot(), get_slot(d), set_slot(d)
//   unary(op, out), binary(op, out)        operands' kinds are type(0) / type(1), type(0)
//   slot_update(op, d), add_assign_slot(a, b), accum_sum(sum, i, limit)
//   jump(ins), branch(ins, slot), call(callee, argc), ret(with_value), native_op(spec)
#pragma once

#include "fusevm/op.h"
#include "jit/region/unit.h"
#include "jit/types.h"

namespace fusevm::jit {

/// One Extended / CallBuiltin op compiled as a call to a native function of the extension.
struct NativeOpSpec {
  const void* function = nullptr;  ///< extern "C" function taking params, returning result
  std::string symbol;              ///< stable name, for the code cache's import table
  std::vector<TypeSet> params;     ///< kInt (int64_t) or kFloat (double), in stack order
  TypeSet result = kInt;           ///< kInt, kFloat or kBool
  uint8_t op = 0;                  ///< the instruction it implements: Extended or CallBuiltin,
  uint16_t id = 0;                 ///< its id
  uint8_t arg = 0;                 ///< and its arg / argc
};

/// Result type of Add, Sub, Mul: Int only for two Ints; everything else goes through to_float.
constexpr TypeSet arith_result(TypeSet a, TypeSet b) {
  return (a == kInt && b == kInt) ? kInt : kFloat;
}

namespace walk_detail {

template <class E>
bool need(E& e, size_t n) {
  return e.depth() >= n;  // fewer is a stack underflow: the interpreter reports it
}
template <class E>
bool narrow_top(E& e, size_t n) {
  if (!need(e, n)) return false;
  for (size_t k = 0; k < n; ++k)
    if (!e.narrow(k)) return false;
  return true;
}

}  // namespace walk_detail

/// Runs one op. Control ops (the last op of a block) call jump/branch/ret. Returns false when
/// the op is not compiled for the current types (nothing has been emitted for it then, apart
/// from guards, which leave the state as it was).
template <class E>
bool walk_op(E& e, Unit& unit, const Instr& ins) {
  using namespace walk_detail;
  const Region& region = e.region();
  switch (ins.op) {
    case Op::Nop:
      return true;

    // ── Constants ──
    case Op::LoadInt:
      e.push_const(kInt, ins.raw(0));
      return true;
    case Op::LoadFloat:
      e.push_const(kFloat, ins.raw(0));
      return true;
    case Op::LoadTrue:
      e.push_const(kBool, 1);
      return true;
    case Op::LoadFalse:
      e.push_const(kBool, 0);
      return true;
    case Op::LoadUndef:
      e.push_const(kUndef, 0);
      return true;
    case Op::LoadConst: {
      const Value& c = unit.constant(ins.raw(0));
      const TypeSet t = type_of(c);
      if (t == kOther) return false;  // a heap constant: copying it needs a reference count
      uint64_t bits = 0;
      if (t == kInt) bits = static_cast<uint64_t>(c.as_int());
      if (t == kFloat) bits = std::bit_cast<uint64_t>(c.as_float());
      if (t == kBool) bits = c.as_bool() ? 1 : 0;
      e.push_const(t, bits);
      return true;
    }

    // ── Stack ──
    case Op::Pop:
      if (!need(e, 1) || (e.type(0) & kOther)) return false;  // dropping a heap value frees it
      e.drop(1);
      return true;
    case Op::Dup:
      if (!narrow_top(e, 1)) return false;
      e.dup(0);
      return true;
    case Op::Dup2:
      if (!narrow_top(e, 2)) return false;
      e.dup(1);
      e.dup(1);
      return true;
    case Op::Swap:
      if (!narrow_top(e, 2)) return false;
      e.swap();
      return true;
    case Op::Rot:
      if (!narrow_top(e, 3)) return false;
      e.rot();
      return true;

    // ── Slots ──
    case Op::GetSlot: {
      const uint32_t d = region.slot_index(ins.get<Op::GetSlot, 0>());
      if (!e.narrow_slot(d)) return false;  // a heap value: copying it needs a reference count
      e.get_slot(d);
      return true;
    }
    case Op::SetSlot: {
      const uint32_t d = region.slot_index(ins.get<Op::SetSlot, 0>());
      if (!narrow_top(e, 1)) return false;
      if (e.slot_type(d) & kOther) return false;  // overwriting a heap value frees it
      e.set_slot(d);
      return true;
    }

    // ── Arithmetic (loop.cpp: Int x Int wraps, everything else through to_float) ──
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
      if (!narrow_top(e, 2)) return false;
      e.binary(ins.op, arith_result(e.type(1), e.type(0)));
      return true;
    case Op::Div:  // always Float; a zero divisor (Undef result) exits in the emitter
    case Op::Pow:
    case Op::PowFloat:
    case Op::Atan2Float:
    case Op::AwkDivJit:  // a zero divisor is an error: the emitter exits to let the VM raise it
    case Op::AwkModJit:
      if (!narrow_top(e, 2)) return false;
      e.binary(ins.op, kFloat);
      return true;
    case Op::Mod:  // Int % Int truncates (0 for a divisor of 0 or -1), otherwise fmod
      if (!narrow_top(e, 2)) return false;
      e.binary(ins.op, (e.type(1) == kInt && e.type(0) == kInt) ? kInt : kFloat);
      return true;
    case Op::Negate:
      if (!narrow_top(e, 1)) return false;
      e.unary(ins.op, e.type(0) == kInt ? kInt : kFloat);
      return true;
    case Op::Inc:
    case Op::Dec:
    case Op::TruncInt:
    case Op::BitNot:
      if (!narrow_top(e, 1)) return false;
      e.unary(ins.op, kInt);
      return true;
    case Op::LogNot:
      if (!narrow_top(e, 1)) return false;
      e.unary(ins.op, kBool);
      return true;
    case Op::SqrtFloat:
    case Op::SinFloat:
    case Op::CosFloat:
    case Op::ExpFloat:
    case Op::LogFloat:
    case Op::AbsFloat:
    case Op::AwkMkbool:  // the emitter exits when an awk host is set (it may redefine it)
      if (!narrow_top(e, 1)) return false;
      e.unary(ins.op, kFloat);
      return true;

    // ── Comparison, logic, bits ──
    case Op::NumEq:
    case Op::NumNe:
    case Op::NumLt:
    case Op::NumGt:
    case Op::NumLe:
    case Op::NumGe:
    case Op::LogAnd:
    case Op::LogOr:
      if (!narrow_top(e, 2)) return false;
      e.binary(ins.op, kBool);
      return true;
    case Op::Spaceship:
    case Op::BitAnd:
    case Op::BitOr:
    case Op::BitXor:
    case Op::Shl:
    case Op::Shr:
      if (!narrow_top(e, 2)) return false;
      e.binary(ins.op, kInt);
      return true;

    // ── Fused slot ops ──
    case Op::PreIncSlot:
    case Op::PreDecSlot:
    case Op::PostIncSlot:
    case Op::PostDecSlot:
    case Op::PreIncSlotVoid: {
      const uint32_t d = region.slot_index(static_cast<uint16_t>(ins.raw(0)));
      if (!e.narrow_slot(d)) return false;
      e.slot_update(ins.op, d);
      return true;
    }
    case Op::AddAssignSlotVoid: {
      const uint32_t a = region.slot_index(ins.get<Op::AddAssignSlotVoid, 0>());
      const uint32_t b = region.slot_index(ins.get<Op::AddAssignSlotVoid, 1>());
      if (!e.narrow_slot(a) || !e.narrow_slot(b)) return false;
      e.add_assign_slot(a, b);
      return true;
    }
    case Op::AccumSumLoop: {
      const uint32_t s = region.slot_index(ins.get<Op::AccumSumLoop, 0>());
      const uint32_t i = region.slot_index(ins.get<Op::AccumSumLoop, 1>());
      if (!e.narrow_slot(s) || !e.narrow_slot(i)) return false;
      e.accum_sum(s, i, ins.get<Op::AccumSumLoop, 2>());
      return true;
    }

    // ── Control flow ──
    case Op::Jump:
      e.jump(ins);
      return true;
    case Op::JumpIfTrue:
    case Op::JumpIfFalse:
    case Op::JumpIfTrueKeep:
    case Op::JumpIfFalseKeep:
      if (!narrow_top(e, 1)) return false;
      e.branch(ins, 0);
      return true;
    case Op::SlotLtIntJumpIfFalse:
    case Op::SlotIncLtIntJumpBack: {
      const uint32_t d = region.slot_index(static_cast<uint16_t>(ins.raw(0)));
      if (!e.narrow_slot(d)) return false;
      e.branch(ins, d);
      return true;
    }

    // ── Calls ──
    case Op::Call: {
      if (unit.linear_only) return false;
      const uint16_t name = ins.get<Op::Call, 0>();
      const uint8_t argc = ins.get<Op::Call, 1>();
      if (!need(e, argc) || name >= unit.sub_entry.size()) return false;
      const int64_t entry = unit.sub_entry[name];
      if (entry < 0 || static_cast<uint64_t>(entry) >= unit.chunk->ops.size()) return false;
      std::vector<TypeSet> args(argc);
      for (size_t k = 0; k < argc; ++k) args[argc - 1 - k] = e.type(k);
      const int callee = unit.callee(static_cast<uint64_t>(entry), args);
      if (callee < 0) return false;
      const Function& f = *unit.functions[static_cast<size_t>(callee)];
      if (f.returns == Returns::None || f.returns == Returns::Mixed) return false;
      e.call(f, static_cast<size_t>(callee), argc);
      return true;
    }
    case Op::Return:
      e.ret(false);
      return true;
    case Op::ReturnValue:
      if (!need(e, 1)) return false;
      e.ret(true);
      return true;

    // ── Extension ops (JitExtension) ──
    case Op::Extended:
    case Op::CallBuiltin: {
      const NativeOpSpec* spec = unit.extensions ? unit.extensions->find(ins) : nullptr;
      if (spec == nullptr) return false;
      if (!narrow_top(e, spec->params.size())) return false;
      for (size_t k = 0; k < spec->params.size(); ++k)
        if (e.type(k) & kOther) return false;
      e.native_op(*spec, unit.import_index(spec));
      return true;
    }

    default:
      return false;
  }
}

/// True for the ops walk_op handles (for some types): the op table's JIT flags must agree.
constexpr bool walker_handles(Op op) {
  switch (op) {
    case Op::Nop: case Op::LoadInt: case Op::LoadFloat: case Op::LoadTrue: case Op::LoadFalse:
    case Op::LoadUndef: case Op::LoadConst: case Op::Pop: case Op::Dup: case Op::Dup2:
    case Op::Swap: case Op::Rot: case Op::GetSlot: case Op::SetSlot: case Op::Add: case Op::Sub:
    case Op::Mul: case Op::Div: case Op::Pow: case Op::PowFloat: case Op::Atan2Float:
    case Op::AwkDivJit: case Op::AwkModJit: case Op::Mod: case Op::Negate: case Op::Inc:
    case Op::Dec: case Op::TruncInt: case Op::BitNot: case Op::LogNot: case Op::SqrtFloat:
    case Op::SinFloat: case Op::CosFloat: case Op::ExpFloat: case Op::LogFloat:
    case Op::AbsFloat: case Op::AwkMkbool: case Op::NumEq: case Op::NumNe: case Op::NumLt:
    case Op::NumGt: case Op::NumLe: case Op::NumGe: case Op::LogAnd: case Op::LogOr:
    case Op::Spaceship: case Op::BitAnd: case Op::BitOr: case Op::BitXor: case Op::Shl:
    case Op::Shr: case Op::PreIncSlot: case Op::PreDecSlot: case Op::PostIncSlot:
    case Op::PostDecSlot: case Op::PreIncSlotVoid: case Op::AddAssignSlotVoid:
    case Op::AccumSumLoop: case Op::Jump: case Op::JumpIfTrue: case Op::JumpIfFalse:
    case Op::JumpIfTrueKeep: case Op::JumpIfFalseKeep: case Op::SlotLtIntJumpIfFalse:
    case Op::SlotIncLtIntJumpBack: case Op::Call: case Op::Return: case Op::ReturnValue:
      return true;
    default:
      return false;
  }
}

}  // namespace fusevm::jit
