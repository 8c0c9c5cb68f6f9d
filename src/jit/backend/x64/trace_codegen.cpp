// The trace tier's code generator: trace IR to x86-64 through asmjit's Compiler, which allocates
// registers for the IR's values (every Int, Bool and Float stays unboxed in a virtual register;
// the allocator spills where it must).
//
// Layout: the entry loads the context fields the trace needs into registers, then the IR runs
// in order; the Loop marker is the target of the back edge, where Phi copies hand each
// loop-carried value its next value (as a parallel copy). A guard is a compare and a branch to
// its exit stub; the stubs come after the loop and write the snapshot's values to
// ctx->trace_values, the op count and the snapshot's number, and return kExited. The VM does
// the rest (trace_glue.cpp). Comparisons used only by the guard after them are emitted there,
// as a compare and a conditional branch. Side paths (a trace tree) follow the loop: a guard with
// a side path branches to it instead of its exit stub, and the side path ends with its own
// parallel copy and a jump back to the loop, or with an Exit.
#include <asmjit/x86.h>

#include <bit>
#include <vector>

#include "jit/backend/backend.h"
#include "jit/backend/x64/assemble.h"
#include "jit/runtime/array_layout.h"
#include "jit/runtime/context.h"

namespace fusevm::jit {

namespace {

namespace ax = asmjit::x86;
using asmjit::Imm;
using asmjit::Label;
using trace::IrIns;
using trace::IrOp;
using trace::IrType;
using trace::kNoRef;
using trace::Ref;

constexpr uint64_t kSignBit = 0x8000000000000000ull;
bool fits_i32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }
ax::CondCode negate(ax::CondCode cc) { return static_cast<ax::CondCode>(static_cast<uint8_t>(cc) ^ 1u); }

class TraceCodegen {
 public:
  TraceCodegen(const trace::TraceIr& ir, ax::Compiler& cc) : ir_(ir), cc_(cc) {}
  bool emit(std::string& error);

 private:
  const IrIns& at(Ref r) const { return ir_.ins[r]; }
  bool is_const(Ref r) const { return trace::ir_is_const(at(r).op); }
  int64_t ival(Ref r) const { return static_cast<int64_t>(at(r).imm); }
  bool small_const(Ref r) const { return (at(r).op == IrOp::KInt || at(r).op == IrOp::KBool) && fits_i32(ival(r)); }

  // Values: the register of a Ref (a constant is materialised into a new one).
  ax::Gp gp(Ref r);
  ax::Xmm xmm(Ref r);
  ax::Gp def_gp(Ref r) { return gp_[r] = cc_.newGpq(); }
  ax::Xmm def_xmm(Ref r) { return xmm_[r] = cc_.newXmmSd(); }
  ax::Xmm const_xmm(uint64_t bits);
  ax::Mem slot_mem(uint64_t slot, int32_t field = 0) const {
    return ax::qword_ptr(slots_, static_cast<int32_t>(slot * kValueSize) + field);
  }

  bool instruction(Ref r);
  void binary_int(Ref r, const IrIns& i);
  void binary_float(Ref r, const IrIns& i);
  void modulo(Ref r, const IrIns& i);
  void float_to_int(ax::Xmm src, ax::Gp dst);
  void call_float(Ref r, const IrIns& i);
  /// Sets the flags for comparison `i` and returns the condition meaning "true".
  ax::CondCode compare_flags(const IrIns& i);
  void set_bool(Ref r, ax::CondCode cc);
  void guard(const IrIns& i);
  // Arrays held by globals (the trace tier's element access).
  ax::Gp global_heap(uint64_t global);
  void guard_array(const IrIns& i);
  ax::Mem element(const IrIns& i, Ref data, Ref index, int32_t field);
  void element_store(const IrIns& i);
  void array_push(const IrIns& i);
  void loop_check(const IrIns& i);
  /// A closed-form loop's entry: advance every loop-carried value past the iterations that can
  /// be skipped (trace/closed_form.h).
  void skip_iterations();
  /// Stores a 64-bit immediate (through a register when it does not fit in 32 bits).
  void mov_imm(const ax::Mem& m, int64_t v);
  Label exit_label(uint32_t snap);
  /// Where a failing guard goes: the side path grown from its exit, or the exit itself.
  Label failure_label(uint32_t snap);
  void chaos(uint32_t snap);
  void exit_stub(uint32_t snap, Label label, bool forced);
  /// The jump back to the loop from the path [begin, end): its Phis as one parallel copy.
  void back_edge(Ref begin, Ref end);

  const trace::TraceIr& ir_;
  ax::Compiler& cc_;
  std::vector<ax::Gp> gp_;
  std::vector<ax::Xmm> xmm_;
  std::vector<uint32_t> uses_;
  std::vector<uint8_t> at_guard_;  // comparisons emitted at the guard that uses them
  std::vector<Label> exits_;       // per snapshot (invalid until used)
  std::vector<Label> forced_;      // per snapshot: the chaos mode's exits
  std::vector<Label> side_;        // per snapshot: the side path its guard branches to
  ax::Gp ctx_, slots_, count_, limit_, interrupt_;
  Label loop_;
  std::string error_;
};

ax::Xmm TraceCodegen::const_xmm(uint64_t bits) {
  ax::Xmm x = cc_.newXmmSd();
  if (bits == 0) {
    cc_.xorps(x, x);
  } else {
    ax::Gp t = cc_.newGpq();
    cc_.mov(t, Imm(static_cast<int64_t>(bits)));
    cc_.movq(x, t);
  }
  return x;
}

ax::Gp TraceCodegen::gp(Ref r) {
  if (is_const(r)) {
    ax::Gp t = cc_.newGpq();
    if (at(r).imm == 0 || at(r).op == IrOp::KUndef) cc_.xor_(t.r32(), t.r32());
    else cc_.mov(t, Imm(ival(r)));
    return t;
  }
  return gp_[r];
}

ax::Xmm TraceCodegen::xmm(Ref r) {
  if (is_const(r)) return const_xmm(at(r).op == IrOp::KFloat ? at(r).imm : 0);
  return xmm_[r];
}

void TraceCodegen::float_to_int(ax::Xmm src, ax::Gp dst) {
  // cvttsd2si gives INT64_MIN for NaN and out-of-range values; to_int gives 0 for NaN and
  // saturates. INT64_MIN is the only result for which `cmp dst, 1` overflows.
  const Label fix = cc_.newLabel(), done = cc_.newLabel(), nan = cc_.newLabel();
  cc_.cvttsd2si(dst, src);
  cc_.cmp(dst, 1);
  cc_.jno(done);
  ax::Xmm zero = cc_.newXmmSd();
  cc_.xorps(zero, zero);
  cc_.ucomisd(src, zero);
  cc_.jp(nan);
  cc_.jbe(done);  // -2^63 or below: INT64_MIN is the answer
  cc_.mov(dst, Imm(INT64_MAX));
  cc_.jmp(done);
  cc_.bind(nan);
  cc_.xor_(dst.r32(), dst.r32());
  cc_.bind(fix);
  cc_.bind(done);
}

void TraceCodegen::binary_int(Ref r, const IrIns& i) {
  ax::Gp d = def_gp(r);
  cc_.mov(d, gp(i.a));
  const bool imm = small_const(i.b);
  switch (i.op) {
    case IrOp::AddI: imm ? cc_.add(d, Imm(ival(i.b))) : cc_.add(d, gp(i.b)); break;
    case IrOp::SubI: imm ? cc_.sub(d, Imm(ival(i.b))) : cc_.sub(d, gp(i.b)); break;
    case IrOp::MulI: imm ? cc_.imul(d, d, Imm(ival(i.b))) : cc_.imul(d, gp(i.b)); break;
    case IrOp::BAnd:
    case IrOp::BAndB: imm ? cc_.and_(d, Imm(ival(i.b))) : cc_.and_(d, gp(i.b)); break;
    case IrOp::BOr:
    case IrOp::BOrB: imm ? cc_.or_(d, Imm(ival(i.b))) : cc_.or_(d, gp(i.b)); break;
    case IrOp::BXor: imm ? cc_.xor_(d, Imm(ival(i.b))) : cc_.xor_(d, gp(i.b)); break;
    case IrOp::Shl:
    case IrOp::Sar:
      if (is_const(i.b)) {
        const Imm count(static_cast<int>(at(i.b).imm & 63));
        i.op == IrOp::Shl ? cc_.shl(d, count) : cc_.sar(d, count);
      } else {
        ax::Gp c = cc_.newGpq();
        cc_.mov(c, gp(i.b));  // x86 masks a 64-bit shift count to 6 bits, as the interpreter does
        i.op == IrOp::Shl ? cc_.shl(d, c.r8()) : cc_.sar(d, c.r8());
      }
      break;
    default: break;
  }
}

void TraceCodegen::binary_float(Ref r, const IrIns& i) {
  ax::Xmm d = def_xmm(r);
  cc_.movapd(d, xmm(i.a));  // a whole-register copy: movsd would depend on d's old value
  const ax::Xmm b = xmm(i.b);
  switch (i.op) {
    case IrOp::AddF: cc_.addsd(d, b); break;
    case IrOp::SubF: cc_.subsd(d, b); break;
    case IrOp::MulF: cc_.mulsd(d, b); break;
    case IrOp::DivF: cc_.divsd(d, b); break;
    default: break;
  }
}

// Int % Int: 0 for a divisor of 0 or -1 (no trap), otherwise the truncated remainder. When both
// operands fit in 32 bits the quotient comes from a double division, exact there (see
// emit_idiv_remainder in emitter_ops.cpp) and much faster than a 64-bit idiv.
void TraceCodegen::modulo(Ref r, const IrIns& i) {
  ax::Gp d = def_gp(r);
  ax::Gp a = gp(i.a), b = gp(i.b);
  const Label done = cc_.newLabel(), wide = cc_.newLabel();
  ax::Gp t = cc_.newGpq();
  cc_.xor_(d.r32(), d.r32());
  cc_.lea(t, ax::qword_ptr(b, 1));
  cc_.cmp(t, 1);
  cc_.jbe(done);  // the divisor is 0 or -1
  cc_.movsxd(t, a.r32());
  cc_.cmp(t, a);
  cc_.jne(wide);
  cc_.movsxd(t, b.r32());
  cc_.cmp(t, b);
  cc_.jne(wide);
  {
    ax::Xmm xa = cc_.newXmmSd(), xb = cc_.newXmmSd();
    cc_.xorps(xa, xa);
    cc_.xorps(xb, xb);
    cc_.cvtsi2sd(xa, a);
    cc_.cvtsi2sd(xb, b);
    cc_.divsd(xa, xb);
    cc_.cvttsd2si(t, xa);
    cc_.imul(t, b);
    cc_.mov(d, a);
    cc_.sub(d, t);
    cc_.jmp(done);
  }
  cc_.bind(wide);
  {
    ax::Gp lo = cc_.newGpq(), hi = cc_.newGpq();
    cc_.mov(lo, a);
    cc_.cqo(hi, lo);
    cc_.idiv(hi, lo, b);
    cc_.mov(d, hi);
  }
  cc_.bind(done);
}

void TraceCodegen::call_float(Ref r, const IrIns& i) {
  ax::Gp table = cc_.newIntPtr();
  cc_.mov(table, ax::qword_ptr(ctx_, ctx_off::helpers));
  // Operands first: a constant materialised after the invoke node would come after the call.
  const ax::Xmm a = xmm(i.a);
  const ax::Xmm b = i.op == IrOp::CallF2 ? xmm(i.b) : ax::Xmm();
  ax::Xmm d = def_xmm(r);
  asmjit::InvokeNode* call = nullptr;
  if (i.op == IrOp::CallF1) {
    cc_.invoke(&call, ax::qword_ptr(table, static_cast<int32_t>(i.imm * 8)),
               asmjit::FuncSignatureT<double, double>(asmjit::CallConvId::kHost));
    call->setArg(0, a);
  } else {
    cc_.invoke(&call, ax::qword_ptr(table, static_cast<int32_t>(i.imm * 8)),
               asmjit::FuncSignatureT<double, double, double>(asmjit::CallConvId::kHost));
    call->setArg(0, a);
    call->setArg(1, b);
  }
  call->setRet(0, d);
}

ax::CondCode TraceCodegen::compare_flags(const IrIns& i) {
  switch (i.op) {
    case IrOp::LtI:
    case IrOp::LtU:
    case IrOp::LeI:
    case IrOp::EqI:
    case IrOp::NeI: {
      const ax::Gp a = gp(i.a);
      if (small_const(i.b)) cc_.cmp(a, Imm(ival(i.b)));
      else cc_.cmp(a, gp(i.b));
      if (i.op == IrOp::LtU) return ax::CondCode::kB;
      return i.op == IrOp::LtI ? ax::CondCode::kL
             : i.op == IrOp::LeI ? ax::CondCode::kLE
             : i.op == IrOp::EqI ? ax::CondCode::kE
                                 : ax::CondCode::kNE;
    }
    default:  // LtF, LeF: b > a, b >= a (false when unordered)
      cc_.ucomisd(xmm(i.b), xmm(i.a));
      return i.op == IrOp::LtF ? ax::CondCode::kA : ax::CondCode::kAE;
  }
}

void TraceCodegen::set_bool(Ref r, ax::CondCode cc) {
  ax::Gp d = def_gp(r);
  cc_.set(cc, d.r8());
  cc_.movzx(d.r32(), d.r8());
}

Label TraceCodegen::exit_label(uint32_t snap) {
  if (!exits_[snap].isValid()) exits_[snap] = cc_.newLabel();
  return exits_[snap];
}

Label TraceCodegen::failure_label(uint32_t snap) { return side_[snap].isValid() ? side_[snap] : exit_label(snap); }

// The chaos testing mode: a step of a 64-bit LCG in ctx->chaos_state, and a forced exit when
// its high bits under the mask are all zero.
void TraceCodegen::chaos(uint32_t snap) {
  if (ir_.chaos_mask == 0) return;
  if (!forced_[snap].isValid()) forced_[snap] = cc_.newLabel();
  ax::Gp st = cc_.newGpq(), k = cc_.newGpq();
  cc_.mov(st, ax::qword_ptr(ctx_, ctx_off::chaos_state));
  cc_.mov(k, Imm(static_cast<int64_t>(6364136223846793005ull)));
  cc_.imul(st, k);
  cc_.mov(k, Imm(static_cast<int64_t>(1442695040888963407ull)));
  cc_.add(st, k);
  cc_.mov(ax::qword_ptr(ctx_, ctx_off::chaos_state), st);
  cc_.shr(st, Imm(40));
  cc_.test(st.r32(), Imm(static_cast<int32_t>(ir_.chaos_mask)));
  cc_.jz(forced_[snap]);
}

// A guard: the real check, then (chaos mode) the forced exit, which only a guard that passed
// may take — it resumes on the recorded path.
void TraceCodegen::guard(const IrIns& i) {
  const Label out = failure_label(i.snap);
  const bool want = i.op == IrOp::GuardTrue;
  if (i.op == IrOp::GuardNonZeroF) {
    const Label ok = cc_.newLabel();
    ax::Xmm zero = cc_.newXmmSd();
    cc_.xorps(zero, zero);
    cc_.ucomisd(xmm(i.a), zero);
    cc_.jp(ok);  // NaN is not zero
    cc_.je(out);
    cc_.bind(ok);
  } else if (at_guard_[i.a]) {
    const ax::CondCode cc = compare_flags(at(i.a));
    cc_.j(want ? negate(cc) : cc, out);
  } else if (is_const(i.a)) {  // guard elimination is off: a constant guard
    if ((at(i.a).imm != 0) != want) cc_.jmp(out);
  } else {
    const ax::Gp c = gp(i.a);
    cc_.test(c, c);
    want ? cc_.je(out) : cc_.jne(out);
  }
  chaos(i.snap);
}

ax::Gp TraceCodegen::global_heap(uint64_t global) {
  ax::Gp globals = cc_.newIntPtr();
  cc_.mov(globals, ax::qword_ptr(ctx_, ctx_off::globals));
  ax::Gp heap = cc_.newIntPtr();
  cc_.mov(heap, ax::qword_ptr(globals, static_cast<int32_t>((global & 0xFFFF) * kValueSize) + kPayloadOffset));
  return heap;
}

void TraceCodegen::guard_array(const IrIns& i) {
  const Label out = failure_label(i.snap);
  const auto slot = static_cast<int32_t>((i.imm & 0xFFFF) * kValueSize);
  ax::Gp globals = cc_.newIntPtr();
  cc_.mov(globals, ax::qword_ptr(ctx_, ctx_off::globals));
  cc_.cmp(ax::byte_ptr(globals, slot + kTagOffset), Imm(static_cast<int>(ValueType::Array)));
  cc_.jne(out);
  if (i.imm & trace::kUniqueArray) {
    ax::Gp heap = cc_.newIntPtr();
    cc_.mov(heap, ax::qword_ptr(globals, slot + kPayloadOffset));
    cc_.cmp(ax::qword_ptr(heap, static_cast<int32_t>(offsetof(detail::HeapObject, refs))), 1);
    cc_.jne(out);
  }
  chaos(i.snap);
}

// Element `index` of the elements at `data`, at byte `field` of the Value (a byte-sized operand;
// callers widen it).
ax::Mem TraceCodegen::element(const IrIns&, Ref data, Ref index, int32_t field) {
  ax::Gp offset = cc_.newGpq();
  cc_.mov(offset, gp(index));
  cc_.shl(offset, Imm(4));  // 16-byte Values
  return ax::byte_ptr(gp(data), offset, 0, field);
}

void TraceCodegen::element_store(const IrIns& i) {
  const auto data = static_cast<Ref>(i.imm);
  ax::Mem payload = element(i, data, i.a, kPayloadOffset);
  payload.setSize(8);
  if (i.type == IrType::Float) {
    cc_.movsd(payload, xmm(i.b));
  } else if (i.type == IrType::Undef) {
    cc_.mov(payload, Imm(0));
  } else {
    cc_.mov(payload, gp(i.b));
  }
  ax::Mem tag = payload;
  tag.setSize(1);
  tag.addOffset(kTagOffset - kPayloadOffset);
  cc_.mov(tag, Imm(static_cast<int>(trace::value_type_of(i.type))));
}

// A call to the ArrayPush helper; its exit resumes at the push (nothing pushed). No chaos exit
// here: one forced after the push would make the interpreter push again.
void TraceCodegen::array_push(const IrIns& i) {
  ax::Gp bits = cc_.newGpq();
  if (at(i.a).type == IrType::Float) cc_.movq(bits, xmm(i.a));
  else if (at(i.a).type == IrType::Undef) cc_.xor_(bits.r32(), bits.r32());
  else cc_.mov(bits, gp(i.a));
  const int value_tag = static_cast<int>(trace::value_type_of(at(i.a).type));
  ax::Gp globals = cc_.newIntPtr(), global = cc_.newGpq(), type = cc_.newGpq(), table = cc_.newIntPtr();
  cc_.mov(globals, ax::qword_ptr(ctx_, ctx_off::globals));
  // Inline, the push the interpreter's fast path does: an unshared array with room for one more
  // takes the scalar in place. Everything else (growth, which allocates and may hit the memory
  // limit; a shared or missing array) goes through the helper.
  const Label slow = cc_.newLabel(), pushed = cc_.newLabel();
  {
    const auto slot = static_cast<int32_t>((i.imm & 0xFFFF) * kValueSize);
    const ArrayLayout& layout = array_layout();
    ax::Gp heap = cc_.newIntPtr(), end = cc_.newIntPtr();
    cc_.cmp(ax::byte_ptr(globals, slot + kTagOffset), Imm(static_cast<int>(ValueType::Array)));
    cc_.jne(slow);
    cc_.mov(heap, ax::qword_ptr(globals, slot + kPayloadOffset));
    cc_.cmp(ax::qword_ptr(heap, static_cast<int32_t>(offsetof(detail::HeapObject, refs))), 1);
    cc_.jne(slow);
    cc_.mov(end, ax::qword_ptr(heap, layout.end));
    cc_.cmp(end, ax::qword_ptr(heap, layout.cap));
    cc_.jae(slow);
    cc_.mov(ax::qword_ptr(end, kPayloadOffset), bits);
    cc_.mov(ax::byte_ptr(end, kTagOffset), Imm(value_tag));
    cc_.add(end, Imm(static_cast<int>(kValueSize)));
    cc_.mov(ax::qword_ptr(heap, layout.end), end);
    cc_.jmp(pushed);
  }
  cc_.bind(slow);
  cc_.mov(global, Imm(static_cast<int64_t>(i.imm & 0xFFFF)));
  cc_.mov(type, Imm(value_tag));
  cc_.mov(table, ax::qword_ptr(ctx_, ctx_off::helpers));
  ax::Gp done = cc_.newGpq();
  asmjit::InvokeNode* call = nullptr;
  cc_.invoke(&call, ax::qword_ptr(table, static_cast<int32_t>(static_cast<uint32_t>(Helper::ArrayPush) * 8)),
             asmjit::FuncSignatureT<uint64_t, void*, uint64_t, uint64_t, uint64_t>(asmjit::CallConvId::kHost));
  call->setArg(0, globals);
  call->setArg(1, global);
  call->setArg(2, bits);
  call->setArg(3, type);
  call->setRet(0, done);
  cc_.test(done, done);
  cc_.jz(exit_label(i.snap));
  cc_.bind(pushed);
}

void TraceCodegen::loop_check(const IrIns& i) {
  const Label out = exit_label(i.snap);
  cc_.cmp(ax::byte_ptr(interrupt_), 0);
  cc_.jne(out);
  cc_.cmp(count_, limit_);
  cc_.jae(out);
  chaos(i.snap);
  cc_.add(count_, Imm(static_cast<int64_t>(ir_.snaps[i.snap].ops)));  // this path's iteration
}

void TraceCodegen::mov_imm(const ax::Mem& m, int64_t v) {
  if (fits_i32(v)) {
    cc_.mov(m, Imm(v));
  } else {
    ax::Gp t = cc_.newGpq();
    cc_.mov(t, Imm(v));
    cc_.mov(m, t);
  }
}

void TraceCodegen::skip_iterations() {
  const trace::ClosedForm& cf = ir_.closed_form;
  // The helper's operands (a LoopSkipInput) on the stack.
  ax::Mem io = cc_.newStack(8 * 8, 8);
  const auto word = [&](int k) {
    ax::Mem m = io;
    m.addOffset(k * 8);
    m.setSize(8);
    return m;
  };
  cc_.mov(word(0), gp(cf.counter));
  mov_imm(word(1), cf.offset);
  cc_.mov(word(2), gp(cf.bound));
  mov_imm(word(3), cf.step);
  mov_imm(word(4), static_cast<int64_t>(cf.test));
  cc_.mov(word(5), count_);
  cc_.mov(word(6), limit_);
  mov_imm(word(7), cf.ops);
  ax::Gp table = cc_.newIntPtr(), address = cc_.newIntPtr(), skips = cc_.newGpq();
  cc_.mov(table, ax::qword_ptr(ctx_, ctx_off::helpers));
  cc_.lea(address, io);
  asmjit::InvokeNode* call = nullptr;
  cc_.invoke(&call, ax::qword_ptr(table, static_cast<int32_t>(static_cast<uint32_t>(Helper::LoopSkip) * 8)),
             asmjit::FuncSignatureT<uint64_t, int64_t*>(asmjit::CallConvId::kHost));
  call->setArg(0, address);
  call->setRet(0, skips);
  const Label none = cc_.newLabel();
  cc_.test(skips, skips);
  cc_.jz(none);
  ax::Gp pairs = cc_.newGpq();  // skips * (skips - 1) / 2
  cc_.mov(pairs, word(0));
  // Every change is computed before any value moves: they read the counter's first value.
  std::vector<ax::Gp> changes;
  for (const trace::LoopUpdate& u : cf.updates) {
    ax::Gp per = cc_.newGpq();  // the part of the change that is the same in every iteration
    cc_.mov(per, Imm(static_cast<int64_t>(u.constant)));
    for (const auto& [r, coef] : u.invariants) {
      ax::Gp t = cc_.newGpq();
      cc_.mov(t, gp(r));
      if (coef != 1) {
        ax::Gp c = cc_.newGpq();
        cc_.mov(c, Imm(static_cast<int64_t>(coef)));
        cc_.imul(t, c);
      }
      cc_.add(per, t);
    }
    cc_.imul(per, skips);
    if (u.counter_coef != 0) {
      // sum over the skipped iterations of the counter: skips*first + step*pairs
      ax::Gp t = cc_.newGpq(), s = cc_.newGpq();
      cc_.mov(t, gp(cf.counter));
      cc_.imul(t, skips);
      cc_.mov(s, Imm(cf.step));
      cc_.imul(s, pairs);
      cc_.add(t, s);
      cc_.mov(s, Imm(static_cast<int64_t>(u.counter_coef)));
      cc_.imul(t, s);
      cc_.add(per, t);
    }
    changes.push_back(per);
  }
  for (size_t k = 0; k < changes.size(); ++k) cc_.add(gp_[cf.updates[k].value], changes[k]);
  ax::Gp ops = cc_.newGpq();
  cc_.mov(ops, Imm(static_cast<int64_t>(cf.ops)));
  cc_.imul(ops, skips);
  cc_.add(count_, ops);
  cc_.bind(none);
}

bool TraceCodegen::instruction(Ref r) {
  const IrIns& i = ir_.ins[r];
  switch (i.op) {
    case IrOp::Nop:
    case IrOp::KInt:
    case IrOp::KFloat:
    case IrOp::KBool:
    case IrOp::KUndef:
    case IrOp::Phi:  // at the back edge
      return true;
    case IrOp::SLoad:
      if (i.type == IrType::Float) cc_.movsd(def_xmm(r), slot_mem(i.imm));
      else if (i.type == IrType::Bool) cc_.movzx(def_gp(r).r32(), ax::byte_ptr(slots_, static_cast<int32_t>(i.imm * kValueSize)));
      else if (i.type == IrType::Int) cc_.mov(def_gp(r), slot_mem(i.imm));
      return true;
    case IrOp::SStore: {
      const ax::Mem payload = slot_mem(i.imm);
      if (i.type == IrType::Float) {
        cc_.movsd(payload, xmm(i.a));
      } else if (i.type == IrType::Undef) {
        cc_.mov(payload, Imm(0));
      } else {
        cc_.mov(payload, gp(i.a));
      }
      cc_.mov(ax::byte_ptr(slots_, static_cast<int32_t>(i.imm * kValueSize) + kTagOffset),
              Imm(static_cast<int>(trace::value_type_of(i.type))));
      return true;
    }
    case IrOp::ToFloat: {
      ax::Xmm d = def_xmm(r);
      cc_.xorps(d, d);
      if (at(i.a).type == IrType::Int || at(i.a).type == IrType::Bool) cc_.cvtsi2sd(d, gp(i.a));
      return true;
    }
    case IrOp::ToInt: {
      ax::Gp d = def_gp(r);
      if (at(i.a).type == IrType::Float) float_to_int(xmm(i.a), d);
      else if (at(i.a).type == IrType::Bool) cc_.mov(d, gp(i.a));
      else cc_.xor_(d.r32(), d.r32());
      return true;
    }
    case IrOp::Truthy: {
      switch (at(i.a).type) {
        case IrType::Float: {
          ax::Xmm zero = cc_.newXmmSd();
          cc_.xorps(zero, zero);
          cc_.ucomisd(xmm(i.a), zero);
          ax::Gp d = def_gp(r), t = cc_.newGpq();
          cc_.setne(d.r8());
          cc_.setp(t.r8());
          cc_.or_(d.r8(), t.r8());
          cc_.movzx(d.r32(), d.r8());
          return true;
        }
        case IrType::Undef: {
          ax::Gp d = def_gp(r);
          cc_.xor_(d.r32(), d.r32());
          return true;
        }
        default: {
          const ax::Gp a = gp(i.a);
          cc_.test(a, a);
          set_bool(r, ax::CondCode::kNE);
          return true;
        }
      }
    }
    case IrOp::Not: {
      ax::Gp d = def_gp(r);
      cc_.mov(d, gp(i.a));
      cc_.xor_(d.r32(), Imm(1));
      return true;
    }
    case IrOp::AddI: case IrOp::SubI: case IrOp::MulI: case IrOp::BAnd: case IrOp::BOr:
    case IrOp::BXor: case IrOp::Shl: case IrOp::Sar: case IrOp::BAndB: case IrOp::BOrB:
      binary_int(r, i);
      return true;
    case IrOp::ModI:
      modulo(r, i);
      return true;
    case IrOp::NegI:
    case IrOp::BNot: {
      ax::Gp d = def_gp(r);
      cc_.mov(d, gp(i.a));
      i.op == IrOp::NegI ? cc_.neg(d) : cc_.not_(d);
      return true;
    }
    case IrOp::AddF: case IrOp::SubF: case IrOp::MulF: case IrOp::DivF:
      binary_float(r, i);
      return true;
    case IrOp::NegF:
    case IrOp::AbsF: {
      ax::Xmm d = def_xmm(r);
      cc_.movapd(d, xmm(i.a));
      const ax::Xmm mask = const_xmm(i.op == IrOp::NegF ? kSignBit : ~kSignBit);
      i.op == IrOp::NegF ? cc_.xorpd(d, mask) : cc_.andpd(d, mask);
      return true;
    }
    case IrOp::SqrtF:
      cc_.sqrtsd(def_xmm(r), xmm(i.a));
      return true;
    case IrOp::CallF1:
    case IrOp::CallF2:
      call_float(r, i);
      return true;
    case IrOp::LtI: case IrOp::LtU: case IrOp::LeI: case IrOp::EqI: case IrOp::NeI: case IrOp::LtF:
    case IrOp::LeF:
      if (at_guard_[r]) return true;
      set_bool(r, compare_flags(i));
      return true;
    case IrOp::EqF:
    case IrOp::NeF: {
      cc_.ucomisd(xmm(i.a), xmm(i.b));
      ax::Gp d = def_gp(r), t = cc_.newGpq();
      if (i.op == IrOp::EqF) {
        cc_.sete(d.r8());
        cc_.setnp(t.r8());
        cc_.and_(d.r8(), t.r8());
      } else {
        cc_.setne(d.r8());
        cc_.setp(t.r8());
        cc_.or_(d.r8(), t.r8());
      }
      cc_.movzx(d.r32(), d.r8());
      return true;
    }
    case IrOp::CmpI:
    case IrOp::CmpF: {
      ax::Gp d = def_gp(r), t = cc_.newGpq();
      if (i.op == IrOp::CmpI) {
        const ax::Gp a = gp(i.a), b = gp(i.b);
        cc_.cmp(a, b);
        cc_.setg(d.r8());
        cc_.setl(t.r8());
      } else {
        const ax::Xmm a = xmm(i.a), b = xmm(i.b);
        cc_.ucomisd(a, b);
        cc_.seta(d.r8());
        cc_.ucomisd(b, a);
        cc_.seta(t.r8());
      }
      cc_.sub(d.r8(), t.r8());
      cc_.movsx(d, d.r8());
      return true;
    }
    case IrOp::GuardTrue:
    case IrOp::GuardFalse:
    case IrOp::GuardNonZeroF:
      guard(i);
      return true;
    case IrOp::LoopCheck:
      loop_check(i);
      return true;
    case IrOp::Loop:
      if (ir_.closed_form.counter != kNoRef) skip_iterations();
      cc_.bind(loop_);
      return true;
    case IrOp::SideEntry:
      cc_.bind(side_[i.imm]);
      return true;
    case IrOp::GuardArray:
      guard_array(i);
      return true;
    case IrOp::ArrLen: {
      const ax::Gp heap = global_heap(i.imm);
      ax::Gp d = def_gp(r);
      cc_.mov(d, ax::qword_ptr(heap, array_layout().end));
      cc_.sub(d, ax::qword_ptr(heap, array_layout().begin));
      cc_.sar(d, Imm(4));  // 16-byte Values
      return true;
    }
    case IrOp::ArrData:
      cc_.mov(def_gp(r), ax::qword_ptr(global_heap(i.imm), array_layout().begin));
      return true;
    case IrOp::ElemTag:
      cc_.movzx(def_gp(r).r32(), element(i, i.a, i.b, kTagOffset));
      return true;
    case IrOp::ElemLoad: {
      ax::Mem m = element(i, i.a, i.b, kPayloadOffset);
      if (i.type == IrType::Float) {
        m.setSize(8);
        cc_.movsd(def_xmm(r), m);
      } else if (i.type == IrType::Bool) {
        cc_.movzx(def_gp(r).r32(), m);  // a byte
      } else {
        m.setSize(8);
        cc_.mov(def_gp(r), m);
      }
      return true;
    }
    case IrOp::ElemStore:
      element_store(i);
      return true;
    case IrOp::ArrPush:
      array_push(i);
      return true;
    case IrOp::Exit:
      cc_.jmp(exit_label(i.snap));
      return true;
  }
  error_ = std::string("no code for ") + trace::ir_op_name(i.op);
  return false;
}

// The back edge: every Phi's new value is read before any is written (a parallel copy). When no
// new value is itself a Phi's register, plain moves in any order are that copy; they also let
// the register allocator give a value and its Phi one register (no move at all).
void TraceCodegen::back_edge(Ref begin, Ref end) {
  std::vector<uint8_t> is_target(ir_.ins.size(), 0);
  bool overlap = false;
  for (Ref r = begin; r < end; ++r)
    if (ir_.ins[r].op == IrOp::Phi) is_target[ir_.ins[r].a] = 1;
  for (Ref r = begin; r < end; ++r)
    if (ir_.ins[r].op == IrOp::Phi && is_target[ir_.ins[r].b]) overlap = true;
  std::vector<std::pair<Ref, asmjit::Operand>> moves;
  for (Ref r = begin; r < end; ++r) {
    const IrIns& i = ir_.ins[r];
    if (i.op != IrOp::Phi) continue;
    if (!overlap) {
      if (i.type == IrType::Float) cc_.movapd(xmm_[i.a], xmm(i.b));
      else if (i.type != IrType::Undef) cc_.mov(gp_[i.a], gp(i.b));
      continue;
    }
    if (i.type == IrType::Float) {
      ax::Xmm t = cc_.newXmmSd();
      cc_.movapd(t, xmm(i.b));
      moves.emplace_back(i.a, t);
    } else if (i.type != IrType::Undef) {
      ax::Gp t = cc_.newGpq();
      cc_.mov(t, gp(i.b));
      moves.emplace_back(i.a, t);
    }
  }
  for (const auto& [target, value] : moves) {
    if (at(target).type == IrType::Float) cc_.movapd(xmm_[target], value.as<ax::Xmm>());
    else cc_.mov(gp_[target], value.as<ax::Gp>());
  }
  // Unboxing off: through VM memory (such a trace has no side paths).
  for (const auto& [slot, r] : ir_.boxed_back_edge) {
    if (at(r).type == IrType::Float) cc_.movsd(slot_mem(slot), xmm(r));
    else if (at(r).type == IrType::Undef) cc_.mov(slot_mem(slot), Imm(0));
    else cc_.mov(slot_mem(slot), gp(r));
    cc_.mov(ax::byte_ptr(slots_, static_cast<int32_t>(slot * kValueSize) + kTagOffset),
            Imm(static_cast<int>(trace::value_type_of(at(r).type))));
  }
  cc_.jmp(loop_);
}

void TraceCodegen::exit_stub(uint32_t snap, Label label, bool forced) {
  const trace::Snapshot& s = ir_.snaps[snap];
  cc_.bind(label);
  ax::Gp out = cc_.newIntPtr();
  cc_.mov(out, ax::qword_ptr(ctx_, ctx_off::trace_values));
  for (size_t k = 0; k < s.entries.size(); ++k) {
    const Ref r = s.entries[k].ref;
    const ax::Mem cell = ax::qword_ptr(out, static_cast<int32_t>(k * 8));
    if (is_const(r)) {
      mov_imm(cell, static_cast<int64_t>(at(r).imm));
    } else if (at(r).type == IrType::Float) {
      cc_.movsd(cell, xmm_[r]);
    } else if (at(r).type != IrType::Undef) {
      cc_.mov(cell, gp_[r]);
    }
  }
  ax::Gp n = cc_.newGpq();
  cc_.lea(n, ax::qword_ptr(count_, static_cast<int32_t>(s.ops)));
  cc_.mov(ax::qword_ptr(ctx_, ctx_off::executed), n);
  cc_.mov(ax::qword_ptr(ctx_, ctx_off::exit_ip), Imm(static_cast<int32_t>(snap)));
  cc_.mov(ax::dword_ptr(ctx_, ctx_off::exit_flags), Imm(forced ? static_cast<int>(kExitForced) : 0));
  ax::Gp status = cc_.newUInt32();
  cc_.mov(status, Imm(static_cast<int>(kExited)));
  cc_.ret(status);
}

bool TraceCodegen::emit(std::string& error) {
  const size_t n = ir_.ins.size();
  gp_.resize(n);
  xmm_.resize(n);
  exits_.resize(ir_.snaps.size());
  forced_.resize(ir_.snaps.size());
  side_.resize(ir_.snaps.size());
  for (const trace::SideSegment& seg : ir_.sides) side_[seg.parent_snap] = cc_.newLabel();
  uses_.assign(n, 0);
  at_guard_.assign(n, 0);
  std::vector<Ref> user(n, kNoRef);
  for (Ref r = 0; r < n; ++r) {
    const IrIns& i = ir_.ins[r];
    if (i.op == IrOp::Nop) continue;
    const int k = trace::ir_operand_count(i.op);
    if (k >= 1 && i.a != kNoRef) ++uses_[i.a], user[i.a] = r;
    if (k >= 2 && i.b != kNoRef) ++uses_[i.b], user[i.b] = r;
    if (trace::ir_is_guard(i.op))
      for (const trace::SnapEntry& e : ir_.snaps[i.snap].entries) ++uses_[e.ref], user[e.ref] = kNoRef;
  }
  for (Ref r = 0; r < n; ++r) {
    const IrOp op = ir_.ins[r].op;
    const bool comparison = op == IrOp::LtI || op == IrOp::LtU || op == IrOp::LeI || op == IrOp::EqI || op == IrOp::NeI ||
                            op == IrOp::LtF || op == IrOp::LeF;
    if (comparison && uses_[r] == 1 && user[r] != kNoRef &&
        (ir_.ins[user[r]].op == IrOp::GuardTrue || ir_.ins[user[r]].op == IrOp::GuardFalse))
      at_guard_[r] = 1;
  }

  asmjit::FuncNode* fn = cc_.addFunc(
      asmjit::FuncSignatureT<uint32_t, JitContext*, uint64_t, uint64_t>(asmjit::CallConvId::kHost));
  ctx_ = cc_.newIntPtr("ctx");
  ax::Gp base = cc_.newGpq("base"), slot_base = cc_.newGpq("slot_base");
  fn->setArg(0, ctx_);
  fn->setArg(1, base);
  fn->setArg(2, slot_base);
  slots_ = cc_.newIntPtr("slots");
  count_ = cc_.newGpq("count");
  limit_ = cc_.newGpq("limit");
  interrupt_ = cc_.newIntPtr("interrupt");
  cc_.mov(slots_, slot_base);
  cc_.shl(slots_, Imm(4));
  cc_.add(slots_, ax::qword_ptr(ctx_, ctx_off::slots));
  cc_.mov(count_, ax::qword_ptr(ctx_, ctx_off::executed));
  // Leave at a back edge from which the next iteration could reach the fuel limit (the VM
  // enters only when at least two iterations fit).
  cc_.mov(limit_, ax::qword_ptr(ctx_, ctx_off::check_at));
  cc_.sub(limit_, Imm(static_cast<int64_t>(2) * std::max(ir_.ops_per_iteration, ir_.max_iteration_ops)));
  cc_.mov(interrupt_, ax::qword_ptr(ctx_, ctx_off::interrupt));
  loop_ = cc_.newLabel();
  if (ir_.loop == kNoRef) cc_.bind(loop_);  // unboxing off: every iteration starts at the top
  // The main path, its back edge, then each side path (bound to its label by its SideEntry),
  // which jumps back to the loop too unless it ends in an Exit.
  const Ref main_end = trace::main_path_end(ir_);
  for (Ref r = 0; r < n; ++r) {
    if (!instruction(r)) {
      error = error_;
      return false;
    }
    if (r + 1 == main_end) back_edge(0, main_end);
    for (const trace::SideSegment& seg : ir_.sides)
      if (r + 1 == seg.end && seg.rejoins) back_edge(seg.begin, seg.end);
  }
  if (n == 0) back_edge(0, 0);
  for (uint32_t s = 0; s < exits_.size(); ++s) {
    if (exits_[s].isValid()) exit_stub(s, exits_[s], false);
    if (forced_[s].isValid()) exit_stub(s, forced_[s], true);
  }
  cc_.endFunc();
  return true;
}

}  // namespace

Result<CodeBlob> generate_trace_code(const trace::TraceIr& ir, std::string* listing) {
  asmjit::CodeHolder code;
  x64::RecordingErrorHandler errors;
  asmjit::StringLogger logger;
  x64::init_code(code, errors, listing ? &logger : nullptr);
  ax::Compiler cc(&code);
  const Label entry = cc.newLabel();
  cc.bind(entry);
  TraceCodegen gen(ir, cc);
  std::string why;
  if (!gen.emit(why)) return Status(ErrorCode::NotCompiled, "trace code generation: " + why);
  if (cc.finalize() != asmjit::kErrorOk && errors.first == asmjit::kErrorOk)
    return Status(ErrorCode::NotCompiled, "trace code generation: register allocation failed");
  if (listing) *listing = logger.data();
  return x64::finish_code(code, errors, entry);
}

}  // namespace fusevm::jit
