// The code generator's value machinery: temporaries, loads with the interpreter's coercions,
// materialisation of values into VM memory, slot homes, and calls out to helpers.
#include <bit>

#include "jit/backend/x64/emitter.h"
#include "jit/backend/x64/registers.h"
#include "jit/runtime/context.h"

namespace fusevm::jit::x64 {

using asmjit::Imm;
using asmjit::Label;

namespace {
bool fits_i32(uint64_t bits) {
  const auto v = static_cast<int64_t>(bits);
  return v >= INT32_MIN && v <= INT32_MAX;
}
}  // namespace

Label UnitContext::constant(uint64_t bits) {
  for (auto& [b, l] : constants)
    if (b == bits) return l;
  constants.emplace_back(bits, as->newLabel());
  return constants.back().second;
}

// ── Memory operands ──

ax::Mem FunctionEmitter::stack_mem(size_t pos, int32_t field) const {
  return ax::qword_ptr(kStack, static_cast<int32_t>(pos) * kValueSize + field);
}
ax::Mem FunctionEmitter::slot_mem(uint32_t d, int32_t field) const {
  return ax::qword_ptr(kSlots, static_cast<int32_t>(f_.region.slots[d]) * kValueSize + field);
}
ax::Mem FunctionEmitter::spill_mem(int32_t off) const { return ax::qword_ptr(ax::rsp, off); }

// ── Temporaries ──

void FunctionEmitter::spill_one(bool want_xmm, uint32_t pinned) {
  for (size_t pos = 0; pos < stack_.size(); ++pos) {
    const Entry& e = stack_[pos];
    if (e.loc != Loc::Reg || (e.type == kFloat) != want_xmm) continue;
    if (pinned & (1u << e.reg)) continue;
    materialize(pos);
    return;
  }
  failed_ = true;
  error_ = "out of temporary registers";
}

ax::Gp FunctionEmitter::gpr_temp(uint32_t pinned) {
  for (int round = 0; round < 2; ++round) {
    for (uint8_t r : kGprOrder) {
      if ((gpr_free_ & (1u << r)) && !(pinned & (1u << r))) {
        gpr_free_ &= ~(1u << r);
        return gp(r);
      }
    }
    spill_one(false, pinned);
    if (failed_) break;
  }
  return ax::rax;  // only after failed_ is set; the unit is discarded
}

ax::Xmm FunctionEmitter::xmm_temp(uint32_t pinned) {
  for (int round = 0; round < 2; ++round) {
    for (uint8_t r = kXmmFirst; r < kXmmEnd; ++r) {
      if ((xmm_free_ & (1u << r)) && !(pinned & (1u << r))) {
        xmm_free_ &= ~(1u << r);
        return xmm(r);
      }
    }
    spill_one(true, pinned);
    if (failed_) break;
  }
  return ax::xmm0;
}

void FunctionEmitter::free_entry(const Entry& e) {
  if (e.loc != Loc::Reg) return;
  if (e.type == kFloat) xmm_free_ |= (1u << e.reg) & xmm_temps_;
  else gpr_free_ |= (1u << e.reg) & gpr_temps_;
}

void FunctionEmitter::push_reg(TypeSet t, uint32_t reg) {
  Entry e;
  e.loc = Loc::Reg;
  e.type = t;
  e.reg = static_cast<uint8_t>(reg);
  stack_.push_back(e);
}

void FunctionEmitter::push_mem(TypeSet t) {
  Entry e;
  e.loc = Loc::Mem;
  e.type = t;
  stack_.push_back(e);
}

// ── Slot homes ──

ax::Gp FunctionEmitter::slot_gpr(uint32_t d) {
  const Home& h = gpr_home_[d];
  if (h.in_reg) return gp(h.reg);
  a_.mov(ax::rax, spill_mem(h.spill));
  return ax::rax;
}

void FunctionEmitter::store_slot_gpr(uint32_t d, ax::Gp value) {
  const Home& h = gpr_home_[d];
  if (h.in_reg) {
    if (h.reg != value.id()) a_.mov(gp(h.reg), value);
  } else {
    a_.mov(spill_mem(h.spill), value);
  }
}

ax::Xmm FunctionEmitter::slot_xmm(uint32_t d, ax::Xmm scratch) {
  const Home& h = xmm_home_[d];
  if (h.in_reg) return xmm(h.reg);
  a_.movsd(scratch, spill_mem(h.spill));
  return scratch;
}

void FunctionEmitter::store_slot_xmm(uint32_t d, ax::Xmm value) {
  const Home& h = xmm_home_[d];
  if (h.in_reg) {
    if (h.reg != value.id()) a_.movapd(xmm(h.reg), value);
  } else {
    a_.movsd(spill_mem(h.spill), value);
  }
}

void FunctionEmitter::ensure_home(uint32_t d) {
  SlotRep& s = slots_[d];
  if (s.in_home || !is_single_scalar(s.type) || s.type == kUndef) return;
  if (s.type == kFloat) {
    a_.movsd(ax::xmm0, slot_mem(d));
    store_slot_xmm(d, ax::xmm0);
  } else {
    if (s.type == kBool) a_.movzx(ax::eax, ax::byte_ptr(kSlots, static_cast<int32_t>(f_.region.slots[d]) * kValueSize));
    else a_.mov(ax::rax, slot_mem(d));
    store_slot_gpr(d, ax::rax);
  }
  s.in_home = true;
}

void FunctionEmitter::spill_slot(uint32_t d) {
  SlotRep& s = slots_[d];
  if (!s.in_home) return;
  const ax::Mem payload = slot_mem(d);
  if (s.type == kFloat) {
    a_.movsd(payload, slot_xmm(d, ax::xmm0));
  } else {
    a_.mov(payload, slot_gpr(d));
  }
  a_.mov(slot_mem(d, kTagOffset).cloneResized(1), Imm(static_cast<int>(tag_of(s.type))));
  s.in_home = false;
}

void FunctionEmitter::flush_slots_to_memory() {
  for (uint32_t d = 0; d < slots_.size(); ++d) spill_slot(d);
}

void FunctionEmitter::detach_slot(uint32_t d) {
  for (size_t pos = 0; pos < stack_.size(); ++pos) {
    Entry& e = stack_[pos];
    if (e.loc != Loc::Slot || e.slot != d) continue;
    if (e.type == kFloat) {
      const ax::Xmm t = xmm_temp();
      a_.movapd(t, slot_xmm(d, t));
      stack_[pos].loc = Loc::Reg;
      stack_[pos].reg = static_cast<uint8_t>(t.id());
    } else {
      const ax::Gp t = gpr_temp();
      const ax::Gp src = slot_gpr(d);
      if (src.id() != t.id()) a_.mov(t, src);
      stack_[pos].loc = Loc::Reg;
      stack_[pos].reg = static_cast<uint8_t>(t.id());
    }
  }
}

// ── Loads with the interpreter's coercions ──

// The VM stack position of an entry in VM memory. Entries are only ever read in place, so a
// Mem entry that is not an element of stack_ is a code generator bug: refuse to compile.
size_t FunctionEmitter::position_of(const Entry& e) {
  if (&e < stack_.data() || &e >= stack_.data() + stack_.size()) {
    failed_ = true;
    error_ = "internal: a VM-memory value read outside the stack";
    return 0;
  }
  return static_cast<size_t>(&e - stack_.data());
}

void FunctionEmitter::float_to_int(ax::Xmm src, ax::Gp dst) {
  // cvttsd2si gives INT64_MIN for NaN and out-of-range values; to_int gives 0 for NaN and
  // saturates. INT64_MIN is the only value for which `cmp dst, 1` overflows.
  a_.cvttsd2si(dst, src);
  a_.cmp(dst, 1);
  const Label fix = a_.newLabel(), back = a_.newLabel();
  a_.jo(fix);
  a_.bind(back);
  deferred_.push_back([this, src, dst, fix, back] {
    const Label nan = a_.newLabel(), positive = a_.newLabel();
    a_.bind(fix);
    a_.xorpd(ax::xmm1, ax::xmm1);
    a_.ucomisd(src, ax::xmm1);
    a_.jp(nan);
    a_.ja(positive);
    a_.jmp(back);  // -2^63 or below: INT64_MIN is the answer
    a_.bind(nan);
    a_.xor_(dst.r32(), dst.r32());
    a_.jmp(back);
    a_.bind(positive);
    a_.mov(dst, Imm(INT64_MAX));
    a_.jmp(back);
  });
}

void FunctionEmitter::load_int(const Entry& e, ax::Gp dst) {
  switch (e.type) {
    case kUndef:
      a_.xor_(dst.r32(), dst.r32());
      return;
    case kFloat: {
      if (e.loc == Loc::Const) {
        a_.mov(dst, Imm(Value::floating(std::bit_cast<double>(e.bits)).to_int()));
        return;
      }
      ax::Xmm x = ax::xmm0;
      if (e.loc == Loc::Reg) x = xmm(e.reg);
      else if (e.loc == Loc::Slot) x = slot_xmm(e.slot, ax::xmm0);
      else a_.movsd(ax::xmm0, stack_mem(position_of(e)));
      float_to_int(x, dst);
      return;
    }
    default:  // Bool (0/1) and Int
      switch (e.loc) {
        case Loc::Const:
          if (e.bits == 0) a_.xor_(dst.r32(), dst.r32());
          else a_.mov(dst, Imm(static_cast<int64_t>(e.bits)));
          return;
        case Loc::Reg:
          if (e.reg != dst.id()) a_.mov(dst, gp(e.reg));
          return;
        case Loc::Slot: {
          const Home& h = gpr_home_[e.slot];
          if (h.in_reg) {
            if (h.reg != dst.id()) a_.mov(dst, gp(h.reg));
          } else {
            a_.mov(dst, spill_mem(h.spill));
          }
          return;
        }
        case Loc::Mem: {
          const size_t pos = position_of(e);
          if (e.type == kBool) a_.movzx(dst.r32(), stack_mem(pos).cloneResized(1));
          else a_.mov(dst, stack_mem(pos));
          return;
        }
        case Loc::Cond:
          a_.set(e.cc, dst.r8());
          a_.movzx(dst.r32(), dst.r8());
          return;
      }
  }
}

void FunctionEmitter::load_float(const Entry& e, ax::Xmm dst) {
  switch (e.type) {
    case kUndef:
      a_.xorpd(dst, dst);
      return;
    case kFloat:
      switch (e.loc) {
        case Loc::Const:
          if (e.bits == 0) a_.xorpd(dst, dst);
          else a_.movsd(dst, ax::ptr(uc_.constant(e.bits)));
          return;
        case Loc::Reg:
          if (e.reg != dst.id()) a_.movapd(dst, xmm(e.reg));
          return;
        case Loc::Slot: {
          const Home& h = xmm_home_[e.slot];
          if (h.in_reg) {
            if (h.reg != dst.id()) a_.movapd(dst, xmm(h.reg));
          } else {
            a_.movsd(dst, spill_mem(h.spill));
          }
          return;
        }
        case Loc::Mem:
          a_.movsd(dst, stack_mem(position_of(e)));
          return;
        case Loc::Cond:
          break;
      }
      return;
    default:  // Bool and Int: the nearest double
      if (e.loc == Loc::Const) {
        const double f = static_cast<double>(static_cast<int64_t>(e.bits));
        if (f == 0.0) a_.xorpd(dst, dst);
        else a_.movsd(dst, ax::ptr(uc_.constant(std::bit_cast<uint64_t>(f))));
        return;
      }
      load_int(e, ax::rax);
      a_.xorpd(dst, dst);  // cvtsi2sd keeps the upper lanes: break the dependency
      a_.cvtsi2sd(dst, ax::rax);
      return;
  }
}

uint32_t FunctionEmitter::pin_gpr(const Entry& e) const {
  if (e.type == kFloat) return 0;
  if (e.loc == Loc::Reg) return 1u << e.reg;
  if (e.loc == Loc::Slot && gpr_home_[e.slot].in_reg) return 1u << gpr_home_[e.slot].reg;
  return 0;
}

uint32_t FunctionEmitter::pin_xmm(const Entry& e) const {
  if (e.type != kFloat) return 0;
  if (e.loc == Loc::Reg) return 1u << e.reg;
  if (e.loc == Loc::Slot && xmm_home_[e.slot].in_reg) return 1u << xmm_home_[e.slot].reg;
  return 0;
}

FunctionEmitter::GpView FunctionEmitter::int_view(const Entry& e, uint32_t pinned) {
  if (e.type == kInt || e.type == kBool) {
    if (e.loc == Loc::Reg) return {gp(e.reg), false};
    if (e.loc == Loc::Slot && gpr_home_[e.slot].in_reg) return {gp(gpr_home_[e.slot].reg), false};
  }
  const ax::Gp t = gpr_temp(pinned | pin_gpr(e));
  load_int(e, t);
  return {t, true};
}

FunctionEmitter::XmmView FunctionEmitter::float_view(const Entry& e, uint32_t pinned) {
  if (e.type == kFloat) {
    if (e.loc == Loc::Reg) return {xmm(e.reg), false};
    if (e.loc == Loc::Slot && xmm_home_[e.slot].in_reg) return {xmm(xmm_home_[e.slot].reg), false};
  }
  const ax::Xmm t = xmm_temp(pinned | pin_xmm(e));
  load_float(e, t);
  return {t, true};
}

void FunctionEmitter::release(const GpView& v) {
  if (v.temp) gpr_free_ |= (1u << v.r.id()) & gpr_temps_;
}
void FunctionEmitter::release(const XmmView& v) {
  if (v.temp) xmm_free_ |= (1u << v.r.id()) & xmm_temps_;
}

ax::Gp FunctionEmitter::take_int(Entry& e, uint32_t pinned) {
  if (e.loc == Loc::Reg && e.type != kFloat) {
    e.loc = Loc::Const;  // the register is the caller's now; the entry is dropped next
    e.bits = 0;
    return gp(e.reg);
  }
  const ax::Gp t = gpr_temp(pinned | pin_gpr(e));
  load_int(e, t);
  return t;
}

ax::Xmm FunctionEmitter::take_float(Entry& e, uint32_t pinned) {
  if (e.loc == Loc::Reg && e.type == kFloat) {
    e.loc = Loc::Const;
    e.bits = 0;
    return xmm(e.reg);
  }
  const ax::Xmm t = xmm_temp(pinned | pin_xmm(e));
  load_float(e, t);
  return t;
}

// ── Materialisation ──

void FunctionEmitter::store_entry(const Entry& e, ax::Mem payload, ax::Mem tag) {
  tag = tag.cloneResized(1);
  if (e.type != kNone && !is_single_scalar(e.type)) return;  // only Mem entries have sets
  switch (e.loc) {
    case Loc::Const:
      if (fits_i32(e.bits)) {
        a_.mov(payload, Imm(static_cast<int32_t>(e.bits)));
      } else {
        a_.mov(ax::rax, Imm(static_cast<int64_t>(e.bits)));
        a_.mov(payload, ax::rax);
      }
      break;
    case Loc::Reg:
      if (e.type == kFloat) a_.movsd(payload, xmm(e.reg));
      else a_.mov(payload, gp(e.reg));
      break;
    case Loc::Slot:
      if (e.type == kFloat) a_.movsd(payload, slot_xmm(e.slot, ax::xmm0));
      else a_.mov(payload, slot_gpr(e.slot));
      break;
    case Loc::Cond:
      a_.set(e.cc, ax::al);
      a_.movzx(ax::eax, ax::al);
      a_.mov(payload, ax::rax);
      break;
    case Loc::Mem:
      return;
  }
  a_.mov(tag, Imm(static_cast<int>(tag_of(e.type))));
}

void FunctionEmitter::materialize(size_t pos) {
  Entry& e = stack_[pos];
  if (e.loc == Loc::Mem) return;
  store_entry(e, stack_mem(pos), stack_mem(pos, kTagOffset));
  free_entry(e);
  e.loc = Loc::Mem;
}

void FunctionEmitter::materialize_all() {
  for (size_t pos = 0; pos < stack_.size(); ++pos) materialize(pos);
}

// ── Calls out ──

void FunctionEmitter::save_live(uint32_t keep_gpr, uint32_t keep_xmm) {
  uint32_t gprs = (gpr_temps_ & ~gpr_free_) | keep_gpr;
  uint32_t xmms = (xmm_temps_ & ~xmm_free_) | keep_xmm;
  for (uint32_t d = 0; d < slots_.size(); ++d) {
    if (!slots_[d].in_home) continue;
    if (slots_[d].type == kFloat) {
      if (xmm_home_[d].in_reg) xmms |= 1u << xmm_home_[d].reg;
    } else if (gpr_home_[d].in_reg) {
      gprs |= 1u << gpr_home_[d].reg;
    }
  }
  saved_gpr_ = gprs & kCallerSavedGpr;
  saved_xmm_ = xmms;
  for (uint32_t r = 0; r < 16; ++r) {
    if (saved_gpr_ & (1u << r)) a_.mov(spill_mem(save_off_ + 8 * static_cast<int32_t>(r)), gp(r));
    if (saved_xmm_ & (1u << r)) a_.movsd(spill_mem(save_off_ + 8 * static_cast<int32_t>(16 + r)), xmm(r));
  }
}

void FunctionEmitter::restore_live() {
  for (uint32_t r = 0; r < 16; ++r) {
    if (saved_gpr_ & (1u << r)) a_.mov(gp(r), spill_mem(save_off_ + 8 * static_cast<int32_t>(r)));
    if (saved_xmm_ & (1u << r)) a_.movsd(xmm(r), spill_mem(save_off_ + 8 * static_cast<int32_t>(16 + r)));
  }
  saved_gpr_ = saved_xmm_ = 0;
}

void FunctionEmitter::call_helper(uint32_t helper) {
  a_.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::helpers));
  a_.call(ax::qword_ptr(ax::rax, static_cast<int32_t>(helper) * 8));
}

void FunctionEmitter::float_helper(uint32_t helper, size_t args) {
  // Operands: the top `args` entries (to_float each) -> xmm0, xmm1. Result: a Float temporary.
  save_live(0, 0);
  if (args == 2) {
    load_float(top(1), ax::xmm0);
    load_float(top(0), ax::xmm1);
  } else {
    load_float(top(0), ax::xmm0);
  }
  call_helper(helper);
  restore_live();
  drop(args);
  const ax::Xmm r = xmm_temp();
  a_.movapd(r, ax::xmm0);
  push_reg(kFloat, r.id());
}

void FunctionEmitter::reload_frame_pointers() {
  a_.mov(kStack, spill_mem(base_off_));
  a_.shl(kStack, 4);
  a_.add(kStack, ax::qword_ptr(kCtx, ctx_off::stack));
  a_.mov(kSlots, spill_mem(slot_base_off_));
  a_.shl(kSlots, 4);
  a_.add(kSlots, ax::qword_ptr(kCtx, ctx_off::slots));
}

void FunctionEmitter::flush_count(uint32_t through_ip) {
  const uint32_t upto = through_ip + 1;
  if (upto > flushed_) a_.lea(kCount, ax::qword_ptr(kCount, static_cast<int32_t>(upto - flushed_)));
  flushed_ = upto;
}

bool FunctionEmitter::next_is_branch() const {
  if (ip_ + 1 >= block_->end) return false;
  const Op next = ops_[ip_ + 1].op;
  return next == Op::JumpIfTrue || next == Op::JumpIfFalse;
}

}  // namespace fusevm::jit::x64
