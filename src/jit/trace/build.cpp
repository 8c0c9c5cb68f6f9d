// build_trace(): the recorded ops, run symbolically into IR (build.h).
#include "jit/trace/build.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <optional>

#include "jit/native_code.h"
#include "jit/region/walk.h"
#include "jit/runtime/array_layout.h"
#include "jit/runtime/context.h"
#include "jit/trace/peel.h"
#include "jit/trace/side.h"
#include "jit/trace/symbolic.h"

namespace fusevm::jit::trace {

// The block tier's op subset (walk.h), less the two ops whose work a trace cannot count or
// decide: AccumSumLoop (a whole loop in one op, its op count depends on the values) and
// AwkMkbool (an installed awk host may redefine it); plus reading and writing scalar elements
// of global arrays, where this machine's array layout is known.
bool trace_op_supported(Op op) {
  if (op == Op::ArrayGet || op == Op::ArraySet || op == Op::ArrayPush) return array_layout().ok();
  return walker_handles(op) && op != Op::AccumSumLoop && op != Op::AwkMkbool;
}

bool PathBuilder::fail(std::string why) {
  if (error_.empty()) error_ = fmt::format("op {} (ip {}): {}", index_, ip_, why);
  return false;
}

bool PathBuilder::need(size_t n) {
  const size_t base = frames_.empty() ? 0 : frames_.back().stack_base;
  if (stack_.size() - base >= n) return true;
  return fail(frames_.empty() ? "reads a value below the loop's stack" : "stack underflow inside an inlined call");
}

void PathBuilder::seed(PathSeed seed) {
  seeded_ = true;
  seed_ = std::move(seed);
}

Ref PathBuilder::get_slot(uint32_t s) {
  if (!frames_.empty()) {
    InlineFrame& f = frames_.back();
    if (s >= f.slots.size()) f.slots.resize(s + 1, kNoRef);
    return f.slots[s] == kNoRef ? em_.kundef() : f.slots[s];
  }
  if (current_[s] != kNoRef) return current_[s];
  if (loaded_[s] != kNoRef) return loaded_[s];
  const SlotKind kind = kind_at_entry(s);
  Ref r = kNoRef;
  switch (kind) {
    case SlotKind::Undef: r = em_.kundef(); break;
    case SlotKind::Bool: r = em_.emit(IrOp::SLoad, IrType::Bool, kNoRef, kNoRef, s); break;
    case SlotKind::Int: r = em_.emit(IrOp::SLoad, IrType::Int, kNoRef, kNoRef, s); break;
    case SlotKind::Float: r = em_.emit(IrOp::SLoad, IrType::Float, kNoRef, kNoRef, s); break;
    case SlotKind::Other: fail(fmt::format("slot {} holds a non-scalar value", s)); return em_.kundef();
  }
  ir_.entry_slots.emplace_back(static_cast<uint16_t>(s), kind);
  loaded_[s] = r;
  return r;
}

void PathBuilder::set_slot(uint32_t s, Ref v) {
  if (!frames_.empty()) {
    InlineFrame& f = frames_.back();
    if (s >= f.slots.size()) f.slots.resize(s + 1, kNoRef);
    f.slots[s] = v;
    return;
  }
  current_[s] = v;
  if (!flags_.sink) {
    // Native code never overwrites a heap value (it cannot release it): leave that to an exit.
    if (kind_at_entry(s) == SlotKind::Other) {
      fail(fmt::format("slot {} holds a non-scalar value", s));
      return;
    }
    em_.emit(IrOp::SStore, em_.type(v), v, kNoRef, s);
  }
}

std::vector<std::pair<uint16_t, Ref>> PathBuilder::end_state() const {
  std::vector<std::pair<uint16_t, Ref>> out;
  for (uint32_t s = 0; s < current_.size(); ++s)
    if (current_[s] != kNoRef) out.emplace_back(static_cast<uint16_t>(s), current_[s]);
  return out;
}

uint32_t PathBuilder::snapshot(uint64_t resume_ip, uint32_t ops, bool check_limits) {
  Snapshot sn;
  sn.resume_ip = resume_ip;
  sn.ops = seed_.ops_base + ops;
  sn.check_limits = check_limits;
  sn.pass_ip = resume_ip;
  sn.pass_check_limits = check_limits;
  sn.loop_exit = frames_.empty() && (resume_ip < src_.recording.anchor || resume_ip > last_ip_);
  for (uint32_t s = 0; s < current_.size(); ++s) {
    Ref r = current_[s];
    // In a preloaded loop earlier iterations may have written a slot this one has not yet.
    if (r == kNoRef && preload_ && written_ever_[s]) r = loaded_[s];
    if (r != kNoRef) sn.entries.push_back({SnapTarget::Slot, 0, s, r});
  }
  for (uint32_t k = 0; k < stack_.size(); ++k) sn.entries.push_back({SnapTarget::Stack, 0, k, stack_[k]});
  sn.stack_size = static_cast<uint32_t>(stack_.size());
  for (uint32_t f = 0; f < frames_.size(); ++f) {
    sn.frames.push_back({frames_[f].return_ip, frames_[f].stack_base});
    for (uint32_t s = 0; s < frames_[f].slots.size(); ++s)
      if (frames_[f].slots[s] != kNoRef)
        sn.entries.push_back({SnapTarget::FrameSlot, static_cast<uint8_t>(f), s, frames_[f].slots[s]});
  }
  ir_.snaps.push_back(std::move(sn));
  return static_cast<uint32_t>(ir_.snaps.size() - 1);
}

// A conditional jump the recording took (next == target) or not: a guard that the condition
// comes out the same way, exiting to the other direction.
bool PathBuilder::branch(Ref cond, bool jump_when, uint64_t target, uint64_t next) {
  // A target past the end is the end of the run, as the interpreter clamps it.
  target = std::min<uint64_t>(target, src_.chunk->ops.size());
  // A jump to the next op goes on the same way whatever the condition: nothing to guard (fuel
  // and interrupts are checked at the back edge, conservatively).
  if (target == ip_ + 1) return next == target || fail("the recorded path does not follow the branch");
  const bool taken = next == target;
  if (!taken && next != ip_ + 1) return fail("the recorded path does not follow the branch");
  const bool expect = taken ? jump_when : !jump_when;
  const uint32_t snap = taken ? snapshot(ip_ + 1, static_cast<uint32_t>(index_ + 1), false)
                              : snapshot(target, static_cast<uint32_t>(index_ + 1), true);
  ir_.snaps[snap].pass_ip = taken ? target : ip_ + 1;
  ir_.snaps[snap].pass_check_limits = taken;
  if (!em_.guard(expect ? IrOp::GuardTrue : IrOp::GuardFalse, em_.truthy(cond), snap))
    return fail("a branch the recording took can never be taken");
  return true;
}

Ref PathBuilder::arith(Op op, Ref a, Ref b) {
  const bool ints = em_.type(a) == IrType::Int && em_.type(b) == IrType::Int;
  if (ints) {
    const IrOp iop = op == Op::Add ? IrOp::AddI : op == Op::Sub ? IrOp::SubI : IrOp::MulI;
    return em_.emit(iop, IrType::Int, a, b);
  }
  const IrOp fop = op == Op::Add ? IrOp::AddF : op == Op::Sub ? IrOp::SubF : IrOp::MulF;
  return em_.emit(fop, IrType::Float, em_.to_float(a), em_.to_float(b));
}

Ref PathBuilder::compare(Op op, Ref a, Ref b) {
  const bool ints = em_.type(a) == IrType::Int && em_.type(b) == IrType::Int;
  if (!ints) {
    a = em_.to_float(a);
    b = em_.to_float(b);
  }
  const IrOp lt = ints ? IrOp::LtI : IrOp::LtF, le = ints ? IrOp::LeI : IrOp::LeF;
  switch (op) {
    case Op::NumEq: return em_.emit(ints ? IrOp::EqI : IrOp::EqF, IrType::Bool, a, b);
    case Op::NumNe: return em_.emit(ints ? IrOp::NeI : IrOp::NeF, IrType::Bool, a, b);
    case Op::NumLt: return em_.emit(lt, IrType::Bool, a, b);
    case Op::NumGt: return em_.emit(lt, IrType::Bool, b, a);
    case Op::NumLe: return em_.emit(le, IrType::Bool, a, b);
    default: return em_.emit(le, IrType::Bool, b, a);  // NumGe
  }
}

bool PathBuilder::step(const Instr& ins, uint64_t next) {
  const auto push = [&](Ref r) {
    stack_.push_back(r);
    note_stack();
  };
  const auto float_helper1 = [&](Helper h) {
    const Ref a = em_.to_float(pop());
    push(em_.emit(IrOp::CallF1, IrType::Float, a, kNoRef, static_cast<uint64_t>(h)));
  };
  const auto nonzero_divisor = [&](Ref divisor) {
    // A zero divisor: Div gives Undef, the awk ops raise an error; the interpreter does it.
    const uint32_t snap = snapshot(ip_, static_cast<uint32_t>(index_), false);
    return em_.guard(IrOp::GuardNonZeroF, divisor, snap) || fail("divides by a constant zero");
  };
  if (next != ip_ + 1 && !(op_info(ins.op).has(opflag::kBranch) || op_info(ins.op).has(opflag::kJump) ||
                           ins.op == Op::Call || ins.op == Op::Return || ins.op == Op::ReturnValue))
    return fail("the recorded path is not contiguous");
  switch (ins.op) {
    case Op::Nop: return true;
    case Op::LoadInt: push(em_.kint(ins.get<Op::LoadInt, 0>())); return true;
    case Op::LoadFloat: push(em_.kfloat(ins.get<Op::LoadFloat, 0>())); return true;
    case Op::LoadTrue: push(em_.kbool(true)); return true;
    case Op::LoadFalse: push(em_.kbool(false)); return true;
    case Op::LoadUndef: push(em_.kundef()); return true;
    case Op::LoadConst: {
      const uint64_t i = ins.raw(0);
      if (i >= src_.chunk->constants.size()) return fail("constant out of range");
      const Value& c = src_.chunk->constants[i];
      switch (c.type()) {
        case ValueType::Int: push(em_.kint(c.as_int())); return true;
        case ValueType::Float: push(em_.kfloat(c.as_float())); return true;
        case ValueType::Bool: push(em_.kbool(c.as_bool())); return true;
        case ValueType::Undef: push(em_.kundef()); return true;
        default: return fail("a non-scalar constant");
      }
    }
    case Op::Pop:
      if (!need(1)) return false;
      pop();
      return true;
    case Op::Dup:
      if (!need(1)) return false;
      push(stack_.back());
      return true;
    case Op::Dup2: {
      if (!need(2)) return false;
      const Ref a = stack_[stack_.size() - 2], b = stack_.back();
      push(a);
      push(b);
      return true;
    }
    case Op::Swap:
      if (!need(2)) return false;
      std::swap(stack_[stack_.size() - 1], stack_[stack_.size() - 2]);
      return true;
    case Op::Rot: {  // [a b c] -> [b c a]
      if (!need(3)) return false;
      const size_t n = stack_.size();
      std::rotate(stack_.begin() + static_cast<long>(n - 3), stack_.begin() + static_cast<long>(n - 2), stack_.end());
      return true;
    }
    case Op::GetSlot: push(get_slot(ins.get<Op::GetSlot, 0>())); return error_.empty();
    case Op::SetSlot:
      if (!need(1)) return false;
      set_slot(ins.get<Op::SetSlot, 0>(), pop());
      return error_.empty();

    case Op::Add:
    case Op::Sub:
    case Op::Mul: {
      if (!need(2)) return false;
      const Ref b = pop(), a = pop();
      push(arith(ins.op, a, b));
      return true;
    }
    case Op::Div:
    case Op::AwkDivJit: {
      if (!need(2)) return false;
      const Ref fb = em_.to_float(stack_.back());
      if (!nonzero_divisor(fb)) return false;
      pop();
      const Ref fa = em_.to_float(pop());
      push(em_.emit(IrOp::DivF, IrType::Float, fa, fb));
      return true;
    }
    case Op::AwkModJit: {
      if (!need(2)) return false;
      const Ref fb = em_.to_float(stack_.back());
      if (!nonzero_divisor(fb)) return false;
      pop();
      const Ref fa = em_.to_float(pop());
      push(em_.emit(IrOp::CallF2, IrType::Float, fa, fb, static_cast<uint64_t>(Helper::Fmod)));
      return true;
    }
    case Op::Mod: {
      if (!need(2)) return false;
      const Ref b = pop(), a = pop();
      if (em_.type(a) == IrType::Int && em_.type(b) == IrType::Int) {
        push(em_.emit(IrOp::ModI, IrType::Int, a, b));
      } else {
        push(em_.emit(IrOp::CallF2, IrType::Float, em_.to_float(a), em_.to_float(b),
                      static_cast<uint64_t>(Helper::Fmod)));
      }
      return true;
    }
    case Op::Pow:
    case Op::PowFloat:
    case Op::Atan2Float: {
      if (!need(2)) return false;
      const Ref b = em_.to_float(pop()), a = em_.to_float(pop());
      const Helper h = ins.op == Op::Atan2Float ? Helper::Atan2 : Helper::Pow;
      push(em_.emit(IrOp::CallF2, IrType::Float, a, b, static_cast<uint64_t>(h)));
      return true;
    }
    case Op::Negate: {
      if (!need(1)) return false;
      const Ref a = pop();
      push(em_.type(a) == IrType::Int ? em_.emit(IrOp::NegI, IrType::Int, a)
                                      : em_.emit(IrOp::NegF, IrType::Float, em_.to_float(a)));
      return true;
    }
    case Op::Inc:
    case Op::Dec: {
      if (!need(1)) return false;
      const Ref a = em_.to_int(pop());
      push(em_.emit(ins.op == Op::Inc ? IrOp::AddI : IrOp::SubI, IrType::Int, a, em_.kint(1)));
      return true;
    }
    case Op::TruncInt:
      if (!need(1)) return false;
      push(em_.to_int(pop()));
      return true;
    case Op::BitNot:
      if (!need(1)) return false;
      push(em_.emit(IrOp::BNot, IrType::Int, em_.to_int(pop())));
      return true;
    case Op::LogNot:
      if (!need(1)) return false;
      push(em_.emit(IrOp::Not, IrType::Bool, em_.truthy(pop())));
      return true;
    case Op::SqrtFloat:
    case Op::AbsFloat: {
      if (!need(1)) return false;
      const Ref a = em_.to_float(pop());
      push(em_.emit(ins.op == Op::SqrtFloat ? IrOp::SqrtF : IrOp::AbsF, IrType::Float, a));
      return true;
    }
    case Op::SinFloat: if (!need(1)) return false; float_helper1(Helper::Sin); return true;
    case Op::CosFloat: if (!need(1)) return false; float_helper1(Helper::Cos); return true;
    case Op::ExpFloat: if (!need(1)) return false; float_helper1(Helper::Exp); return true;
    case Op::LogFloat: if (!need(1)) return false; float_helper1(Helper::Log); return true;

    case Op::NumEq:
    case Op::NumNe:
    case Op::NumLt:
    case Op::NumGt:
    case Op::NumLe:
    case Op::NumGe: {
      if (!need(2)) return false;
      const Ref b = pop(), a = pop();
      push(compare(ins.op, a, b));
      return true;
    }
    case Op::Spaceship: {
      if (!need(2)) return false;
      const Ref b = pop(), a = pop();
      if (em_.type(a) == IrType::Int && em_.type(b) == IrType::Int) push(em_.emit(IrOp::CmpI, IrType::Int, a, b));
      else push(em_.emit(IrOp::CmpF, IrType::Int, em_.to_float(a), em_.to_float(b)));
      return true;
    }
    case Op::LogAnd:
    case Op::LogOr: {
      if (!need(2)) return false;
      const Ref b = em_.truthy(pop()), a = em_.truthy(pop());
      push(em_.emit(ins.op == Op::LogAnd ? IrOp::BAndB : IrOp::BOrB, IrType::Bool, a, b));
      return true;
    }
    case Op::BitAnd:
    case Op::BitOr:
    case Op::BitXor:
    case Op::Shl:
    case Op::Shr: {
      if (!need(2)) return false;
      const Ref b = em_.to_int(pop()), a = em_.to_int(pop());
      const IrOp op = ins.op == Op::BitAnd ? IrOp::BAnd
                      : ins.op == Op::BitOr ? IrOp::BOr
                      : ins.op == Op::BitXor ? IrOp::BXor
                      : ins.op == Op::Shl ? IrOp::Shl
                                          : IrOp::Sar;
      push(em_.emit(op, IrType::Int, a, b));
      return true;
    }

    case Op::PreIncSlot:
    case Op::PreDecSlot:
    case Op::PostIncSlot:
    case Op::PostDecSlot:
    case Op::PreIncSlotVoid: {
      const auto s = static_cast<uint32_t>(ins.raw(0));
      const Ref old = em_.to_int(get_slot(s));
      const bool down = ins.op == Op::PreDecSlot || ins.op == Op::PostDecSlot;
      const Ref now = em_.emit(down ? IrOp::SubI : IrOp::AddI, IrType::Int, old, em_.kint(1));
      set_slot(s, now);
      if (ins.op == Op::PreIncSlot || ins.op == Op::PreDecSlot) push(now);
      if (ins.op == Op::PostIncSlot || ins.op == Op::PostDecSlot) push(old);
      return error_.empty();
    }
    case Op::AddAssignSlotVoid: {
      const uint32_t a = ins.get<Op::AddAssignSlotVoid, 0>(), b = ins.get<Op::AddAssignSlotVoid, 1>();
      const Ref rb = em_.to_int(get_slot(b));
      const Ref ra = em_.to_int(get_slot(a));
      set_slot(a, em_.emit(IrOp::AddI, IrType::Int, ra, rb));
      return error_.empty();
    }
    case Op::SlotLtIntJumpIfFalse: {
      const Ref v = em_.to_int(get_slot(ins.get<Op::SlotLtIntJumpIfFalse, 0>()));
      const Ref c = em_.emit(IrOp::LtI, IrType::Bool, v, em_.kint(ins.get<Op::SlotLtIntJumpIfFalse, 1>()));
      return error_.empty() && branch(c, false, ins.get<Op::SlotLtIntJumpIfFalse, 2>(), next);
    }
    case Op::SlotIncLtIntJumpBack: {
      const uint32_t s = ins.get<Op::SlotIncLtIntJumpBack, 0>();
      const Ref n = em_.emit(IrOp::AddI, IrType::Int, em_.to_int(get_slot(s)), em_.kint(1));
      set_slot(s, n);
      const Ref c = em_.emit(IrOp::LtI, IrType::Bool, n, em_.kint(ins.get<Op::SlotIncLtIntJumpBack, 1>()));
      return error_.empty() && branch(c, true, ins.get<Op::SlotIncLtIntJumpBack, 2>(), next);
    }

    case Op::Jump:
      if (next != ins.get<Op::Jump, 0>()) return fail("the recorded path does not follow the jump");
      return true;
    case Op::JumpIfTrue:
    case Op::JumpIfFalse: {
      if (!need(1)) return false;
      const Ref c = pop();
      return branch(c, ins.op == Op::JumpIfTrue, ins.raw(0), next);
    }
    case Op::JumpIfTrueKeep:
    case Op::JumpIfFalseKeep:
      if (!need(1)) return false;
      return branch(stack_.back(), ins.op == Op::JumpIfTrueKeep, ins.raw(0), next);

    case Op::Call: {
      const uint16_t name = ins.get<Op::Call, 0>();
      const uint8_t argc = ins.get<Op::Call, 1>();
      if (!need(argc)) return false;
      if (name >= src_.sub_entry->size() || (*src_.sub_entry)[name] < 0 ||
          static_cast<uint64_t>((*src_.sub_entry)[name]) != next)
        return fail("the recorded path does not enter the called sub");
      if (frames_.size() >= kMaxInlineDepth) return fail("calls nest deeper than the inlining limit");
      InlineFrame f;
      f.return_ip = ip_ + 1;
      f.stack_base = static_cast<uint32_t>(stack_.size() - argc);
      frames_.push_back(std::move(f));
      ir_.max_inline_depth = std::max<uint32_t>(ir_.max_inline_depth, static_cast<uint32_t>(frames_.size()));
      return true;
    }
    case Op::Return:
    case Op::ReturnValue: {
      if (frames_.empty()) return fail("returns from the loop's own frame");
      const InlineFrame f = frames_.back();
      std::optional<Ref> value;
      if (ins.op == Op::ReturnValue) {
        if (stack_.size() <= f.stack_base) return fail("stack underflow inside an inlined call");
        value = pop();
      }
      stack_.resize(f.stack_base);
      if (value) push(*value);
      frames_.pop_back();
      if (next != f.return_ip) return fail("the recorded path does not return to the caller");
      return true;
    }
    case Op::ArrayGet: return array_get(ins.get<Op::ArrayGet, 0>());
    case Op::ArraySet: return array_set(ins.get<Op::ArraySet, 0>());
    case Op::ArrayPush: {
      if (!need(1)) return false;
      const uint16_t global = ins.get<Op::ArrayPush, 0>();
      if (!note_array(global, true)) return false;
      const uint32_t snap = snapshot(ip_, static_cast<uint32_t>(index_), false);
      em_.guard(IrOp::ArrPush, stack_.back(), snap, false, global);
      pop();
      return true;
    }
    default:
      return fail(fmt::format("{} is not traced", op_name(ins.op)));
  }
}

// The interpreter's fast path, under guards that send every other case back to it (the exit
// resumes at the op itself): the global holds an Array (unshared, to write it), the index is an
// Int in range, and the element read is of the kind recorded (written: a scalar, so nothing
// needs releasing).
bool PathBuilder::note_array(uint16_t global, bool push) {
  std::vector<uint16_t>& mine = push ? ir_.pushed_arrays : ir_.accessed_arrays;
  const std::vector<uint16_t>& other = push ? ir_.accessed_arrays : ir_.pushed_arrays;
  if (std::find(other.begin(), other.end(), global) != other.end())
    return fail("pushes onto an array whose elements it also reads or writes");
  if (std::find(mine.begin(), mine.end(), global) == mine.end()) mine.push_back(global);
  return true;
}

Ref PathBuilder::element_address(uint16_t global, Ref index, bool write, uint32_t snap) {
  if (!note_array(global, false)) return kNoRef;
  em_.guard(IrOp::GuardArray, kNoRef, snap, true, global | (write ? kUniqueArray : 0));
  const Ref length = em_.emit(IrOp::ArrLen, IrType::Int, kNoRef, kNoRef, global);
  if (!em_.guard(IrOp::GuardTrue, em_.emit(IrOp::LtU, IrType::Bool, index, length), snap)) {
    fail("the array index is never in range");
    return kNoRef;
  }
  return em_.emit(IrOp::ArrData, IrType::Int, kNoRef, kNoRef, global);
}

bool PathBuilder::array_get(uint16_t global) {
  if (!need(1)) return false;
  if (observed_at_ >= src_.recording.observed.size()) return fail("no element kind was recorded for ArrayGet");
  const SlotKind kind = src_.recording.observed[observed_at_++];
  if (kind == SlotKind::Other) return fail("the element read is not a scalar");
  const Ref index = stack_.back();
  if (em_.type(index) != IrType::Int) return fail("the array index is not an Int");
  const uint32_t snap = snapshot(ip_, static_cast<uint32_t>(index_), false);
  const Ref data = element_address(global, index, false, snap);
  if (data == kNoRef) return false;
  const Ref tag = em_.emit(IrOp::ElemTag, IrType::Int, data, index);
  const IrType type = ir_type_of(type_of(kind));
  const auto want = static_cast<int64_t>(value_type_of(type));
  if (!em_.guard(IrOp::GuardTrue, em_.emit(IrOp::EqI, IrType::Bool, tag, em_.kint(want)), snap))
    return fail("the element's kind can never match");
  pop();
  stack_.push_back(type == IrType::Undef ? em_.kundef() : em_.emit(IrOp::ElemLoad, type, data, index));
  note_stack();
  return true;
}

bool PathBuilder::array_set(uint16_t global) {
  if (!need(2)) return false;
  const Ref index = stack_.back();
  const Ref value = stack_[stack_.size() - 2];
  if (em_.type(index) != IrType::Int) return fail("the array index is not an Int");
  const uint32_t snap = snapshot(ip_, static_cast<uint32_t>(index_), false);
  const Ref data = element_address(global, index, true, snap);
  if (data == kNoRef) return false;
  // The element replaced must not own heap memory (native code cannot release it).
  const Ref old = em_.emit(IrOp::ElemTag, IrType::Int, data, index);
  const auto scalar_tags = static_cast<int64_t>(ValueType::Float) + 1;
  if (!em_.guard(IrOp::GuardTrue, em_.emit(IrOp::LtU, IrType::Bool, old, em_.kint(scalar_tags)), snap))
    return fail("the element written can never be a scalar");
  em_.emit(IrOp::ElemStore, em_.type(value), index, value, data);
  pop();
  pop();
  return true;
}

bool PathBuilder::start(std::string& error) {
  const Snapshot& sn = *seed_.snap;
  const auto bad = [&](const char* why) {
    error = why;
    return false;
  };
  if (src_.recording.ips.front() != sn.resume_ip) return bad("the side path does not start where its exit resumes");
  loaded_ = seed_.loaded;
  loaded_.resize(src_.slot_count, kNoRef);
  last_ip_ = std::max<uint64_t>(last_ip_, seed_.loop_last_ip);
  stack_.assign(sn.stack_size, kNoRef);
  for (const SnapFrame& f : sn.frames) frames_.push_back({f.return_ip, f.stack_base, {}});
  for (const SnapEntry& e : sn.entries) {
    switch (e.target) {
      case SnapTarget::Slot:
        if (e.index >= current_.size()) return bad("the exit restores a slot past the frame");
        current_[e.index] = e.ref;
        break;
      case SnapTarget::Stack:
        if (e.index >= stack_.size()) return bad("the exit restores a value past its stack");
        stack_[e.index] = e.ref;
        break;
      case SnapTarget::FrameSlot: {
        if (e.frame >= frames_.size()) return bad("the exit restores a slot of a frame it does not have");
        std::vector<Ref>& slots = frames_[e.frame].slots;
        if (e.index >= slots.size()) slots.resize(e.index + 1, kNoRef);
        slots[e.index] = e.ref;
        break;
      }
    }
  }
  for (Ref r : stack_)
    if (r == kNoRef) return bad("the exit's stack has a hole");
  return true;
}

bool PathBuilder::run(std::string& error) {
  const Recording& rec = src_.recording;
  const std::vector<Instr>& ops = src_.chunk->ops;
  loaded_.assign(src_.slot_count, kNoRef);
  current_.assign(src_.slot_count, kNoRef);
  written_ever_.assign(src_.slot_count, 0);
  if (rec.ips.empty()) {
    error = "empty recording";
    return false;
  }
  for (uint32_t ip : rec.ips)
    if (ip >= ops.size()) {
      error = "recorded ip out of range";
      return false;
    }
  last_ip_ = rec.ips.back();
  if (seeded_) {
    if (!start(error)) return false;
  } else {
    ir_.anchor = rec.anchor;
    ir_.ops_per_iteration = static_cast<uint32_t>(rec.ips.size());
  }
  if (preload_) {
    // Every loop-frame slot the iteration touches, loaded up front, then the loop header.
    size_t depth = 0;
    std::vector<uint8_t> touched(src_.slot_count, 0);
    for (uint32_t ip : rec.ips) {
      const Instr& ins = ops[ip];
      if (ins.op == Op::Call) ++depth;
      if ((ins.op == Op::Return || ins.op == Op::ReturnValue) && depth > 0) --depth;
      if (depth != 0) continue;
      const OpInfo& info = op_info(ins.op);
      for (size_t k = 0; k < info.operand_count; ++k) {
        if (info.operands[k] != OperandKind::Slot) continue;
        const auto s = static_cast<uint32_t>(ins.raw(k));
        if (s >= src_.slot_count) continue;
        touched[s] = 1;
        const bool writes = ins.op == Op::SetSlot || ins.op == Op::PreIncSlot || ins.op == Op::PreDecSlot ||
                            ins.op == Op::PostIncSlot || ins.op == Op::PostDecSlot ||
                            ins.op == Op::PreIncSlotVoid || ins.op == Op::SlotIncLtIntJumpBack ||
                            (ins.op == Op::AddAssignSlotVoid && k == 0);
        if (writes) written_ever_[s] = 1;
      }
    }
    for (uint32_t s = 0; s < src_.slot_count; ++s)
      if (touched[s]) get_slot(s);
    if (!error_.empty()) {
      error = error_;
      return false;
    }
    ir_.loop = em_.emit(IrOp::Loop, IrType::Undef);
  }
  for (index_ = 0; index_ < rec.ips.size(); ++index_) {
    ip_ = rec.ips[index_];
    const uint64_t next = index_ + 1 < rec.ips.size() ? rec.ips[index_ + 1] : rec.anchor;
    if (!step(ops[ip_], next)) {
      error = error_;
      return false;
    }
  }
  if (!frames_.empty() || !stack_.empty()) {
    error = "the iteration leaves values on the stack (or a call open) at its end";
    return false;
  }
  return true;
}

namespace {

// The recorded loop alone: symbolic run, back edge, then peeling or preloading.
Result<TraceIr> build_main_path(const TraceSource& source, const PassFlags& flags) {
  TraceIr ir;
  const bool looped = flags.unbox;
  const bool peel = flags.unbox && flags.peel;
  std::string error;
  IrEmitter em(ir, flags);
  PathBuilder b(source, flags, ir, em, looped && !peel);
  if (!b.run(error)) return Status(ErrorCode::NotCompiled, "trace: " + error);
  const std::vector<std::pair<uint16_t, Ref>> end = b.end_state();
  const auto kind_at_entry = [&](uint16_t s) {
    return s < source.recording.slot_kinds.size() ? source.recording.slot_kinds[s] : SlotKind::Undef;
  };
  // The kind a loop-carried slot has at the end of an iteration must be the one the next
  // iteration was built for. Peeled, that matters only for slots the iteration reads before it
  // writes them (the others are carried in registers whatever they held before the loop).
  const auto stable = [&](uint16_t s, Ref r, bool only_if_read) {
    if (only_if_read && b.slot_at_start()[s] == kNoRef) return true;
    const SlotKind k = kind_at_entry(s);
    return k != SlotKind::Other && ir.ins[r].type == ir_type_of(type_of(k));
  };
  for (const auto& [s, r] : end)
    if (!stable(s, r, peel))
      return Status(ErrorCode::NotCompiled,
                    fmt::format("trace: slot {} is {} at the end of the iteration but {} at its start", s,
                                ir_type_name(ir.ins[r].type), slot_kind_name(kind_at_entry(s))));
  // The back edge: stop before an iteration that could cross the fuel limit, or when interrupted.
  Snapshot back;
  back.resume_ip = source.recording.anchor;
  back.ops = ir.ops_per_iteration;
  back.check_limits = true;
  back.pass_ip = back.resume_ip;
  back.pass_check_limits = true;
  for (const auto& [s, r] : end) back.entries.push_back({SnapTarget::Slot, 0, s, r});
  ir.snaps.push_back(std::move(back));
  const auto back_snap = static_cast<uint32_t>(ir.snaps.size() - 1);
  if (!looped) {
    ir.boxed_back_edge = end;
    b.emitter().guard(IrOp::LoopCheck, kNoRef, back_snap);
    return ir;
  }
  if (peel) {
    // At the loop body's start each written slot holds its value from the end of the pre-roll.
    ir.loop_slots = end;
    return peel_loop(std::move(ir), end, back_snap, flags);
  }
  // Preloaded: every loop-carried slot's entry load is its phi.
  b.emitter().guard(IrOp::LoopCheck, kNoRef, back_snap);
  for (const auto& [s, r] : end) {
    ir.loop_slots.emplace_back(s, b.slot_at_start()[s]);
    if (b.slot_at_start()[s] != r) b.emitter().emit(IrOp::Phi, ir.ins[r].type, b.slot_at_start()[s], r);
  }
  return ir;
}

}  // namespace

Result<TraceIr> build_trace(const TraceSource& source, const PassFlags& flags) {
  auto ir = build_main_path(source, flags);
  if (!ir.ok()) return ir;
  ir->max_iteration_ops = ir->ops_per_iteration;
  mark_side_exits(*ir);
  for (size_t k = 0; k < source.sides.size(); ++k) {
    const Status attached = attach_side(*ir, source, source.sides[k], flags);
    if (!attached.ok())
      return Status(ErrorCode::NotCompiled, fmt::format("side trace {}: {}", k, attached.message()));
  }
  return ir;
}

}  // namespace fusevm::jit::trace
