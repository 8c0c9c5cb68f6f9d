// The dispatch loop: every op's semantics, with the fast paths inline and everything that may
// allocate, call out or fail out of line (the op-family files and calls.cpp, blocks.cpp).
//
// The loop keeps its state in locals (ip, sp, the frame's floor and slots, the stack limit) and
// writes them back to the Impl (SAVE) before any call that may look at or change VM state, then
// reloads them (LOAD). Errors leave through one exit, `failed`, after the callee has recorded the
// message with its location. Arithmetic follows ORIGINAL-BEHAVIOUR.md §7 exactly: Int x Int
// wraps, everything else goes through to_float; comparisons of two Ints are exact.
#include <cmath>
#include <cstring>

#include "compare.h"
#include "dispatch.h"
#include "interp.h"
#include "quick.h"
#include "quick_math.h"
#include "value_access.h"

#if FUSEVM_COMPUTED_GOTO
// Labels as values (&&label, goto *p) are a GCC/Clang extension; this file is where we use it.
#pragma GCC diagnostic ignored "-Wpedantic"
#endif

namespace fusevm {
namespace {

using detail::ValueAccess;
using quick::sum_range_wrapping;
using quick::wrap_add;
using quick::wrap_mul;
using quick::wrap_sub;

// Int x Int is exact; everything else compares as doubles (NaN compares false except !=).
template <class IntCmp, class FloatCmp>
bool compare(const Value& a, const Value& b, IntCmp icmp, FloatCmp fcmp) {
  if (a.is_int() && b.is_int()) return icmp(a.as_int(), b.as_int());
  return fcmp(a.to_float(), b.to_float());
}

}  // namespace

VMResult VM::Impl::execute() {
  // The loop leaves with switch_loop_ set (and its state saved) to start or end a trace
  // recording, which runs in the tracing instantiation.
  for (;;) {
    switch_loop_ = false;
    VMResult r = (trace_ || recorder_)  ? execute_loop<true, true>()
                 : stack_proven_        ? execute_loop<false, false>()
                                        : execute_loop<false, true>();
    if (!switch_loop_) return r;
  }
}

void VM::Impl::trace_step(const Instr* ip, const Instr* code, size_t depth, const Value* top) {
  TraceEvent e;
  e.ip = units_[unit_].origin + static_cast<uint64_t>(ip - code);
  e.op = ip->op;
  e.line = chunk_.line_at(e.ip);
  e.stack_depth = depth;
  e.frame_depth = frames_.size();
  e.top = top;
  if (static_cast<uint8_t>(ip->op) != kEndOpcode) trace_(e);
}

template <bool kTrace, bool kChecked>
VMResult VM::Impl::execute_loop() {
#define FUSEVM_BEFORE_DISPATCH()                                                        \
  do {                                                                                  \
    if constexpr (kTrace) {                                                             \
      if (FUSEVM_UNLIKELY(recorder_ != nullptr) &&                                      \
          !trace_record_step(static_cast<uint64_t>(ip - code), sp)) {                   \
        SAVE();                                                                         \
        goto recording_done;                                                            \
      }                                                                                 \
      if (trace_) trace_step(ip, code, static_cast<size_t>(sp - sb), sp > floor ? sp - 1 : nullptr); \
    }                                                                                   \
  } while (0)
#if FUSEVM_COMPUTED_GOTO
  static void* const kLabels[quick::kDispatchCount] = {
#define FUSEVM_OP(name, operands, effect, flags, doc) &&L_##name,
#include "fusevm/ops.def"
#undef FUSEVM_OP
      &&L_End,
#define FUSEVM_QUICK(name, length, sequence) &&L_Q_##name,
#include "quick_ops.def"
#undef FUSEVM_QUICK
  };
#endif

  Value* sb;       // stack_.data()
  Value* sp;       // one past the top value
  Value* lim;      // end of the stack's capacity
  Value* floor;    // the current frame's base
  Value* slots;    // the current frame's slot window
  Value* globals;  // globals_.data()
  const Value* consts = consts_.data();
  uint16_t* const hot = hot_.data();  // per op: taken back edges left before the trace tier looks
  const Instr* code;  // the current unit's first op (of its quickened copy, unless tracing)
  const Instr* ip;    // the op being executed
  const Instr* segment;  // where the current straight-line segment began (ops are counted per segment)
  uint64_t executed = executed_;  // ops of the segments already closed
  // Fuel and the interrupt flag are checked when `executed` passes this mark, at taken jumps
  // and calls (the only way a run can go on for long).
  // With the JIT on, the interval is also how often the taken jump is sampled as a loop's back
  // edge; right after native code hands over, the very next taken jump is checked (and sampled).
  const auto next_check = [this](uint64_t now) {
    uint64_t at = now + (jit_soon_ ? 1 : check_interval_);
    jit_soon_ = false;
    if (limits_.fuel != 0 && limits_.fuel < at) at = limits_.fuel + 1;
    return at;
  };
  uint64_t check_at = next_check(executed);
  // Whether a jump from `from` to `to` (both in the current unit, either copy) goes backwards.
  const auto is_back_edge = [this](const Instr* from, const Instr* to) {
    const Instr* const base = units_[unit_].quickened();
    const uint64_t span = units_[unit_].span;
    uint64_t f = static_cast<uint64_t>(from - base), t = static_cast<uint64_t>(to - base);
    if (f >= span) f -= span;
    if (t >= span) t -= span;
    return t <= f;
  };

  // Operand i of the current op (a macro so it can be passed to other macros).
#define OPND(name, i) (ip->get<Op::name, i>())
  // SAVE counts the segment's ops before the current one; LOAD starts a new segment at ip (the
  // op being executed is counted with that segment, or by a slow path that moves ip). ip may be
  // in the unit's original copy after a deoptimization (interp.h).
#define SAVE()                                                            \
  do {                                                                    \
    sp_ = static_cast<size_t>(sp - sb);                                   \
    ip_ = static_cast<uint64_t>(ip - code);                               \
    if (ip_ >= units_[unit_].span) ip_ -= units_[unit_].span;             \
    executed_ = executed + static_cast<uint64_t>(ip - segment);           \
  } while (0)
#define LOAD()                                        \
  do {                                                \
    sb = stack_.data();                               \
    sp = sb + sp_;                                    \
    lim = sb + stack_.size();                         \
    const Frame& frame_ = frames_.back();             \
    floor = sb + frame_.stack_base;                   \
    slots = slots_.data() + frame_.slot_base;         \
    globals = globals_.data();                        \
    code = kTrace ? units_[unit_].original() : units_[unit_].quickened(); \
    ip = code + ip_;                                  \
    segment = ip;                                     \
    executed = executed_;                             \
  } while (0)
  // Runs a slow path that works on the member state; on failure leaves through `failed`.
#define SLOW(call)            \
  do {                        \
    SAVE();                   \
    if (!(call)) goto failed; \
    LOAD();                   \
  } while (0)
  // Unchecked instantiations run only chunks whose stack use the verifier proved.
#define NEED(n)                                                                    \
  do {                                                                             \
    if constexpr (kChecked) {                                                      \
      if (FUSEVM_UNLIKELY(sp < floor + (n))) goto underflow;                       \
    }                                                                              \
  } while (0)
  // Makes room for one push. Only the stack moves: ip stays where it is (possibly in the
  // unit's original copy, whose operands the handler is about to read).
#define ROOM()                                               \
  do {                                                       \
    if (FUSEVM_UNLIKELY(sp == lim)) {                        \
      sp_ = static_cast<size_t>(sp - sb);                    \
      grow_stack(1);                                         \
      if (pending_error_) {                                  \
        SAVE();                                              \
        goto take_pending;                                   \
      }                                                      \
      sb = stack_.data();                                    \
      sp = sb + sp_;                                         \
      lim = sb + stack_.size();                              \
      floor = sb + frames_.back().stack_base;                \
    }                                                        \
  } while (0)
  // Each push makes room first, then evaluates its operand (which may point into the stack).
#define PUSH_WITH(setter, v)        \
  do {                              \
    ROOM();                         \
    setter(*sp, (v));               \
    ++sp;                           \
  } while (0)
#define PUSH_INT(n) PUSH_WITH(ValueAccess::set_int, n)
#define PUSH_FLOAT(f) PUSH_WITH(ValueAccess::set_float, f)
#define PUSH_BOOL(b) PUSH_WITH(ValueAccess::set_bool, b)
#define PUSH_COPY(v) PUSH_WITH(ValueAccess::copy_into, v)
  // Replaces the two operands of a binary op with its result (the right one is dropped).
#define BINARY_RESULT(setter, result)                              \
  do {                                                             \
    Value& left_ = sp[-2];                                         \
    auto result_ = (result);                                       \
    if (FUSEVM_UNLIKELY(left_.is_heap())) left_ = Value();         \
    if (FUSEVM_UNLIKELY(sp[-1].is_heap())) sp[-1] = Value();       \
    setter(left_, result_);                                        \
    --sp;                                                          \
  } while (0)
  // Drops the top value (releasing it only if it holds a heap object).
#define DROP()                                                     \
  do {                                                             \
    --sp;                                                          \
    if (FUSEVM_UNLIKELY(sp->is_heap())) *sp = Value();             \
  } while (0)
  // A taken jump from the op at ip: counts the segment through it, moves ip and checks fuel and
  // interrupts (at every taken jump and call, so that the points are the same however the ops
  // between them are executed). BRANCH also dispatches.
#define JUMP_TO(target)                                       \
  do {                                                        \
    const Instr* const from_ = ip;                            \
    executed += static_cast<uint64_t>(ip - segment) + 1;      \
    ip = segment = code + (target);                           \
    if (FUSEVM_UNLIKELY(executed >= check_at)) {              \
      SAVE();                                                 \
      if (!check_limits()) goto failed;                       \
      if (jit_active_ && unit_ == 0 && is_back_edge(from_, ip)) { \
        /* Native code may have run the loop and moved on:     \
           dispatch where it left off, not where the jump was */ \
        const int jit_ = jit_loop(ip_);                       \
        if (jit_ < 0) goto failed;                            \
        if (jit_ > 0) {                                       \
          LOAD();                                             \
          check_at = next_check(executed);                    \
          FUSEVM_DISPATCH();                                  \
        }                                                     \
      }                                                       \
      check_at = next_check(executed);                        \
    }                                                         \
    if constexpr (!kTrace) {                                  \
      /* A back edge (or a jump out of a deoptimized copy,     \
         which trace_hot tells apart): count down its header */ \
      if (ip <= from_ && FUSEVM_UNLIKELY(--hot[ip - code] == 0)) { \
        SAVE();                                               \
        const int entered_ = trace_hot(ip_, unit_ == 0 && is_back_edge(from_, ip)); \
        if (entered_ < 0) goto failed;                        \
        if (switch_loop_) return VMResult::halted();          \
        if (entered_ > 0) {                                   \
          LOAD();                                             \
          check_at = next_check(executed);                    \
          FUSEVM_DISPATCH();                                  \
        }                                                     \
      }                                                       \
    }                                                         \
  } while (0)
#define BRANCH(target)     \
  do {                     \
    JUMP_TO(target);       \
    FUSEVM_DISPATCH();     \
  } while (0)

  // A quick op that does not handle what it finds runs the original ops instead (interp.h).
#define QUICK_DEOPT()                                 \
  do {                                                \
    const size_t span_ = units_[unit_].span;          \
    ip += span_;                                      \
    segment += span_;                                 \
    FUSEVM_DISPATCH();                                \
  } while (0)
#define QUICK_NEED(n)                                                              \
  do {                                                                             \
    if constexpr (kChecked) {                                                      \
      if (FUSEVM_UNLIKELY(sp < floor + (n))) QUICK_DEOPT();                        \
    }                                                                              \
  } while (0)

  LOAD();
  if constexpr (!kChecked) {
    if (ip == nullptr) goto underflow;  // never: keeps the label used in this instantiation
  }
  if constexpr (!kTrace) {
    if (ip == nullptr) goto recording_done;  // never: likewise
  }
#if FUSEVM_COMPUTED_GOTO
  FUSEVM_DISPATCH();
#else
  FUSEVM_BEFORE_DISPATCH();  // (every later dispatch runs it before jumping back here)
dispatch_switch:
  switch (static_cast<uint8_t>(ip->op)) {
#endif

  // ── Constants ──
  FUSEVM_CASE(Nop) FUSEVM_NEXT();
  FUSEVM_CASE(LoadInt) {
    PUSH_INT((OPND(LoadInt, 0)));
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(LoadFloat) {
    PUSH_FLOAT((OPND(LoadFloat, 0)));
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(LoadConst) {
    PUSH_COPY(consts[OPND(LoadConst, 0)]);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(LoadTrue) {
    PUSH_BOOL(true);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(LoadFalse) {
    PUSH_BOOL(false);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(LoadUndef) {
    ROOM();
    ValueAccess::set_undef(*sp++);
    FUSEVM_NEXT();
  }

  // ── Stack ──
  FUSEVM_CASE(Pop) {
    NEED(1);
    DROP();
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Dup) {
    NEED(1);
    PUSH_COPY(sp[-1]);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Dup2) {
    NEED(2);
    PUSH_COPY(sp[-2]);
    PUSH_COPY(sp[-2]);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Swap) {
    NEED(2);
    std::swap(sp[-1], sp[-2]);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Rot) {
    NEED(3);
    // [a b c] -> [b c a]
    std::swap(sp[-3], sp[-2]);
    std::swap(sp[-2], sp[-1]);
    FUSEVM_NEXT();
  }

  // ── Variables and slots ──
  FUSEVM_CASE(GetVar) {
    PUSH_COPY(globals[OPND(GetVar, 0)]);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(SetVar) {
    NEED(1);
    globals[OPND(SetVar, 0)] = std::move(*--sp);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(DeclareVar) {
    NEED(1);
    globals[OPND(DeclareVar, 0)] = std::move(*--sp);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(GetSlot) {
    PUSH_COPY(slots[OPND(GetSlot, 0)]);
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(SetSlot) {
    NEED(1);
    slots[OPND(SetSlot, 0)] = std::move(*--sp);
    FUSEVM_NEXT();
  }
  // Array reads and writes of the common case inline (an Int index in range of an array the
  // variable or slot holds alone, room in the array for a push); all else in op_container().
#define FUSEVM_ARRAY_GET(name, container)                                   \
  FUSEVM_CASE(name) {                                                       \
    NEED(1);                                                                \
    {                                                                       \
      const Value& c_ = (container);                                        \
      Value& index_ = sp[-1];                                               \
      if (FUSEVM_LIKELY(c_.is_array() && index_.is_int())) {                \
        const Array& a_ = c_.as_array();                                    \
        const uint64_t i_ = static_cast<uint64_t>(index_.as_int());         \
        if (i_ < a_.size()) ValueAccess::copy_into(index_, a_[i_]);         \
        else ValueAccess::set_undef(index_);                                \
        FUSEVM_NEXT();                                                      \
      }                                                                     \
    }                                                                       \
    SLOW(op_container(*ip));                                                \
    FUSEVM_NEXT();                                                          \
  }
#define FUSEVM_ARRAY_SET(name, container)                                   \
  FUSEVM_CASE(name) {                                                       \
    NEED(2);                                                                \
    {                                                                       \
      Value& c_ = (container);                                              \
      if (FUSEVM_LIKELY(c_.is_array() && !c_.is_shared() && sp[-1].is_int())) { \
        Array& a_ = const_cast<Array&>(c_.as_array());                      \
        const uint64_t i_ = static_cast<uint64_t>(sp[-1].as_int());         \
        if (FUSEVM_LIKELY(i_ < a_.size())) {                                \
          a_[i_] = std::move(sp[-2]);                                       \
          sp -= 2;                                                          \
          FUSEVM_NEXT();                                                    \
        }                                                                   \
      }                                                                     \
    }                                                                       \
    SLOW(op_container(*ip));                                                \
    FUSEVM_NEXT();                                                          \
  }
  FUSEVM_ARRAY_GET(ArrayGet, globals[OPND(ArrayGet, 0)])
  FUSEVM_ARRAY_GET(SlotArrayGet, slots[OPND(SlotArrayGet, 0)])
  FUSEVM_ARRAY_SET(ArraySet, globals[OPND(ArraySet, 0)])
  FUSEVM_ARRAY_SET(SlotArraySet, slots[OPND(SlotArraySet, 0)])
#undef FUSEVM_ARRAY_GET
#undef FUSEVM_ARRAY_SET
  FUSEVM_CASE(ArrayPush) {
    NEED(1);
    {
      Value& g_ = globals[OPND(ArrayPush, 0)];
      if (FUSEVM_LIKELY(g_.is_array() && !g_.is_shared())) {
        ValueVector& items_ = const_cast<Array&>(g_.as_array()).items();
        // With spare capacity the push cannot allocate (or throw); growing is the slow path's.
        if (FUSEVM_LIKELY(items_.size() < items_.capacity())) {
          items_.push_back(std::move(sp[-1]));
          --sp;
          FUSEVM_NEXT();
        }
      }
    }
    SLOW(op_container(*ip));
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(HashGet) {
    NEED(1);
    {
      const Value& g_ = globals[OPND(HashGet, 0)];
      Value& key_ = sp[-1];
      if (FUSEVM_LIKELY(g_.is_hash() && key_.is_str())) {
        const Value* found_ = g_.as_hash().find(key_.as_str());
        if (found_ != nullptr) key_ = *found_;
        else key_ = Value();
        FUSEVM_NEXT();
      }
    }
    SLOW(op_container(*ip));
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(GetArray)
  FUSEVM_CASE(SetArray)
  FUSEVM_CASE(DeclareArray)
  FUSEVM_CASE(ArrayPop)
  FUSEVM_CASE(ArrayShift)
  FUSEVM_CASE(ArrayLen)
  FUSEVM_CASE(MakeArray)
  FUSEVM_CASE(GetHash)
  FUSEVM_CASE(SetHash)
  FUSEVM_CASE(DeclareHash)
  FUSEVM_CASE(HashSet)
  FUSEVM_CASE(HashDelete)
  FUSEVM_CASE(HashExists)
  FUSEVM_CASE(HashKeys)
  FUSEVM_CASE(HashValues)
  FUSEVM_CASE(MakeHash)
  FUSEVM_CASE(Range)
  FUSEVM_CASE(RangeStep)
  FUSEVM_CASE(SortDefault)
  FUSEVM_CASE(PushIntRangeLoop) {
    SLOW(op_container(*ip));
    FUSEVM_NEXT();
  }

  // ── Arithmetic ──
  FUSEVM_CASE(Add) {
    NEED(2);
    if (FUSEVM_LIKELY(sp[-2].is_int() && sp[-1].is_int())) {
      ValueAccess::set_int(sp[-2], wrap_add(sp[-2].as_int(), sp[-1].as_int()));
      --sp;
    } else if (sp[-2].is_float() && sp[-1].is_float()) {
      ValueAccess::set_float(sp[-2], sp[-2].as_float() + sp[-1].as_float());
      --sp;
    } else {
      BINARY_RESULT(ValueAccess::set_float, sp[-2].to_float() + sp[-1].to_float());
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Sub) {
    NEED(2);
    if (FUSEVM_LIKELY(sp[-2].is_int() && sp[-1].is_int())) {
      ValueAccess::set_int(sp[-2], wrap_sub(sp[-2].as_int(), sp[-1].as_int()));
      --sp;
    } else if (sp[-2].is_float() && sp[-1].is_float()) {
      ValueAccess::set_float(sp[-2], sp[-2].as_float() - sp[-1].as_float());
      --sp;
    } else {
      BINARY_RESULT(ValueAccess::set_float, sp[-2].to_float() - sp[-1].to_float());
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Mul) {
    NEED(2);
    if (FUSEVM_LIKELY(sp[-2].is_int() && sp[-1].is_int())) {
      ValueAccess::set_int(sp[-2], wrap_mul(sp[-2].as_int(), sp[-1].as_int()));
      --sp;
    } else if (sp[-2].is_float() && sp[-1].is_float()) {
      ValueAccess::set_float(sp[-2], sp[-2].as_float() * sp[-1].as_float());
      --sp;
    } else {
      BINARY_RESULT(ValueAccess::set_float, sp[-2].to_float() * sp[-1].to_float());
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Div) {
    NEED(2);
    {
      const double divisor = sp[-1].to_float();
      if (divisor == 0.0) {
        sp[-2] = Value();
        sp[-1] = Value();
        --sp;  // leaves Undef
      } else {
        BINARY_RESULT(ValueAccess::set_float, sp[-2].to_float() / divisor);
      }
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Mod) {
    NEED(2);
    if (FUSEVM_LIKELY(sp[-2].is_int() && sp[-1].is_int())) {
      const int64_t a = sp[-2].as_int(), b = sp[-1].as_int();
      // x % 0 is 0 (the original's rule); MIN % -1 is 0 rather than a trap (DEVIATIONS.md B).
      ValueAccess::set_int(sp[-2], (b == 0 || b == -1) ? 0 : a % b);
      --sp;
    } else {
      BINARY_RESULT(ValueAccess::set_float, std::fmod(sp[-2].to_float(), sp[-1].to_float()));
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Pow)
  FUSEVM_CASE(PowFloat) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_float, std::pow(sp[-2].to_float(), sp[-1].to_float()));
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Negate) {
    NEED(1);
    if (sp[-1].is_int()) {
      ValueAccess::set_int(sp[-1], wrap_sub(0, sp[-1].as_int()));
    } else {
      const double f = -sp[-1].to_float();
      sp[-1] = Value::floating(f);
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Inc) {
    NEED(1);
    {
      const int64_t n = wrap_add(sp[-1].to_int(), 1);
      if (sp[-1].is_heap()) sp[-1] = Value();
      ValueAccess::set_int(sp[-1], n);
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Dec) {
    NEED(1);
    {
      const int64_t n = wrap_sub(sp[-1].to_int(), 1);
      if (sp[-1].is_heap()) sp[-1] = Value();
      ValueAccess::set_int(sp[-1], n);
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(TruncInt) {
    NEED(1);
    {
      const int64_t n = sp[-1].to_int();
      if (sp[-1].is_heap()) sp[-1] = Value();
      ValueAccess::set_int(sp[-1], n);
    }
    FUSEVM_NEXT();
  }

  // ── Strings ──
  FUSEVM_CASE(Concat)
  FUSEVM_CASE(StringRepeat)
  FUSEVM_CASE(StringLen)
  FUSEVM_CASE(StrEq)
  FUSEVM_CASE(StrNe)
  FUSEVM_CASE(StrLt)
  FUSEVM_CASE(StrGt)
  FUSEVM_CASE(StrLe)
  FUSEVM_CASE(StrGe)
  FUSEVM_CASE(StrCmp)
  FUSEVM_CASE(ConcatConstLoop)
  FUSEVM_CASE(Print)
  FUSEVM_CASE(PrintLn)
  FUSEVM_CASE(ReadLine) {
    SLOW(op_string(*ip));
    FUSEVM_NEXT();
  }

  // ── Numeric comparison ──
#define FUSEVM_COMPARE(name, op)                                                              \
  FUSEVM_CASE(name) {                                                                         \
    NEED(2);                                                                                  \
    if (FUSEVM_LIKELY(sp[-2].is_int() && sp[-1].is_int())) {                                  \
      ValueAccess::set_bool(sp[-2], sp[-2].as_int() op sp[-1].as_int());                     \
      --sp;                                                                                   \
    } else {                                                                                  \
      const bool r = compare(                                                                 \
          sp[-2], sp[-1], [](int64_t x, int64_t y) { return x op y; },                        \
          [](double x, double y) { return x op y; });                                         \
      BINARY_RESULT(ValueAccess::set_bool, r);                                                \
    }                                                                                         \
    FUSEVM_NEXT();                                                                            \
  }
  FUSEVM_COMPARE(NumEq, ==)
  FUSEVM_COMPARE(NumNe, !=)
  FUSEVM_COMPARE(NumLt, <)
  FUSEVM_COMPARE(NumGt, >)
  FUSEVM_COMPARE(NumLe, <=)
  FUSEVM_COMPARE(NumGe, >=)
#undef FUSEVM_COMPARE
  FUSEVM_CASE(Spaceship) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_int, spaceship(sp[-2], sp[-1]));
    FUSEVM_NEXT();
  }

  // ── Logical and bitwise ──
  FUSEVM_CASE(LogNot) {
    NEED(1);
    {
      const bool r = !sp[-1].is_truthy();
      sp[-1] = Value();
      ValueAccess::set_bool(sp[-1], r);
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(LogAnd) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_bool, sp[-2].is_truthy() && sp[-1].is_truthy());
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(LogOr) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_bool, sp[-2].is_truthy() || sp[-1].is_truthy());
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(BitAnd) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_int, sp[-2].to_int() & sp[-1].to_int());
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(BitOr) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_int, sp[-2].to_int() | sp[-1].to_int());
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(BitXor) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_int, sp[-2].to_int() ^ sp[-1].to_int());
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(BitNot) {
    NEED(1);
    {
      const int64_t n = ~sp[-1].to_int();
      sp[-1] = Value();
      ValueAccess::set_int(sp[-1], n);
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Shl) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_int,
                  static_cast<int64_t>(static_cast<uint64_t>(sp[-2].to_int())
                                       << (static_cast<uint64_t>(sp[-1].to_int()) & 63)));
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Shr) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_int,
                  sp[-2].to_int() >> (static_cast<uint64_t>(sp[-1].to_int()) & 63));
    FUSEVM_NEXT();
  }

  // ── Control flow ──
  FUSEVM_CASE(Jump) { BRANCH(OPND(Jump, 0)); }
  FUSEVM_CASE(JumpIfTrue) {
    NEED(1);
    {
      const bool c = sp[-1].is_truthy();
      DROP();
      if (c) BRANCH(OPND(JumpIfTrue, 0));
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(JumpIfFalse) {
    NEED(1);
    {
      const bool c = sp[-1].is_truthy();
      DROP();
      if (!c) BRANCH(OPND(JumpIfFalse, 0));
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(JumpIfTrueKeep) {
    NEED(1);
    if (sp[-1].is_truthy()) BRANCH(OPND(JumpIfTrueKeep, 0));
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(JumpIfFalseKeep) {
    NEED(1);
    if (!sp[-1].is_truthy()) BRANCH(OPND(JumpIfFalseKeep, 0));
    FUSEVM_NEXT();
  }

  // ── Functions and scopes ──
  FUSEVM_CASE(Call) {
    {
      const uint16_t name = OPND(Call, 0);
      const uint8_t argc = OPND(Call, 1);
      NEED(argc);
      const int64_t entry = sub_entry_[name];
      // The common case inline: a defined sub, no limit check due, room for the frame and its
      // slots without allocating. Everything else (errors, growth) goes through enter_sub().
      if (FUSEVM_LIKELY(entry >= 0 &&
                        executed + static_cast<uint64_t>(ip - segment) + 1 < check_at &&
                        frames_.size() < frames_.capacity() &&
                        frames_.size() < limits_.max_call_depth &&
                        slots_.capacity() - slots_.size() >= slot_count_)) {
        executed += static_cast<uint64_t>(ip - segment) + 1;
        uint64_t at = static_cast<uint64_t>(ip - code);
        if (at >= units_[unit_].span) at -= units_[unit_].span;
        Frame& call = frames_.emplace_back();
        call.kind = FrameKind::Call;
        call.return_unit = unit_;
        call.return_ip = at + 1;
        call.stack_base = static_cast<size_t>(sp - sb) - argc;  // the arguments stay, last on top
        call.slot_base = slots_.size();
        slots_.resize(slots_.size() + slot_count_);
        unit_ = 0;
        floor = sp - argc;
        slots = slots_.data() + call.slot_base;
        code = kTrace ? units_[0].original() : units_[0].quickened();
        ip = segment = code + entry;
        if (FUSEVM_UNLIKELY(--jit_countdown_[name] < 0)) {
          SAVE();
          if (!jit_call(name)) goto failed;
          LOAD();
          check_at = next_check(executed);
        }
        FUSEVM_DISPATCH();
      }
      SAVE();
      ++executed_;  // the Call itself
      if (entry < 0) {
        raise(ErrorCode::RuntimeError,
              "undefined function: " + (name < chunk_.names.size() ? chunk_.names[name] : std::string("?")));
        goto failed;
      }
      if (executed_ >= check_at) {
        if (!check_limits()) goto failed;
        check_at = next_check(executed_);
      }
      if (!enter_sub(static_cast<uint64_t>(entry), argc)) goto failed;
      if (--jit_countdown_[name] < 0 && !jit_call(name)) goto failed;
      LOAD();
      check_at = next_check(executed);
      FUSEVM_DISPATCH();
    }
  }
  FUSEVM_CASE(Return)
  FUSEVM_CASE(ReturnValue) {
    {
      const bool with_value = ip->op == Op::ReturnValue;
      if (with_value) NEED(1);
      if (FUSEVM_LIKELY(frames_.back().kind == FrameKind::Call)) {
        // The common case inline: no scopes to leave. As below, without saving and reloading.
        const Frame& callee = frames_.back();
        Value* const base = sb + callee.stack_base;
        Value* const keep_end = with_value ? sp - 1 : sp;
        for (Value* p = base; p < keep_end; ++p) *p = Value();
        if (with_value && keep_end != base) ValueAccess::move_into(*base, *keep_end);
        sp = with_value ? base + 1 : base;
        executed += static_cast<uint64_t>(ip - segment) + 1;
        slots_.resize(callee.slot_base);
        unit_ = callee.return_unit;
        const uint64_t resume = callee.return_ip;
        frames_.pop_back();
        const Frame& caller = frames_.back();
        floor = sb + caller.stack_base;
        slots = slots_.data() + caller.slot_base;
        code = kTrace ? units_[unit_].original() : units_[unit_].quickened();
        ip = segment = code + resume;
        FUSEVM_DISPATCH();
      }
      // Leave every scope of the current call, then the call itself.
      size_t f = frames_.size() - 1;
      while (frames_[f].kind == FrameKind::Scope) --f;
      if (frames_[f].kind == FrameKind::Block) {
        SAVE();
        raise(ErrorCode::RuntimeError, "Return inside a block (a block ends by reaching its end)");
        goto failed;
      }
      if (frames_[f].kind != FrameKind::Call) {
        // No caller: the run ends (DEVIATIONS.md D). ReturnValue ends it with its value.
        SAVE();
        ++executed_;
        if (with_value) {
          Value v = std::move(stack_[--sp_]);
          halted_ = true;
          return VMResult::ok(std::move(v));
        }
        halted_ = true;
        goto finish_run;
      }
      // Drop the callee's values (keeping the return value, which moves down to the callee's
      // base) and slots, then resume the caller. No Value local may live here: an indirect
      // goto cannot leave the scope of an object with a destructor.
      const Frame callee = frames_[f];
      Value* const base = sb + callee.stack_base;
      Value* const keep_end = with_value ? sp - 1 : sp;
      for (Value* p = base; p < keep_end; ++p) *p = Value();
      if (with_value && keep_end != base) ValueAccess::move_into(*base, *keep_end);
      sp = with_value ? base + 1 : base;
      SAVE();
      ++executed_;
      slots_.resize(callee.slot_base);
      frames_.resize(f);
      unit_ = callee.return_unit;
      ip_ = callee.return_ip;
      LOAD();
      FUSEVM_DISPATCH();
    }
  }
  FUSEVM_CASE(PushFrame) {
    SAVE();
    if (frames_.size() >= limits_.max_call_depth) {
      raise(ErrorCode::CallDepthExceeded,
            "call depth limit exceeded (" + std::to_string(limits_.max_call_depth) + " frames)");
      goto failed;
    }
    {
      const Frame& outer = frames_.back();
      Frame scope;
      scope.kind = FrameKind::Scope;
      scope.return_unit = unit_;
      scope.return_ip = ip_ + 1;
      scope.stack_base = sp_;
      scope.slot_base = slots_.size();
      (void)outer;
      frames_.push_back(scope);
      slots_.resize(slots_.size() + slot_count_);
    }
    LOAD();
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(PopFrame) {
    if (frames_.back().kind != FrameKind::Scope) {
      SAVE();
      raise(ErrorCode::RuntimeError, "PopFrame without PushFrame");
      goto failed;
    }
    {
      const Frame scope = frames_.back();
      for (Value* p = sb + scope.stack_base; p < sp; ++p) *p = Value();
      sp = sb + scope.stack_base;
      SAVE();
      frames_.pop_back();
      slots_.resize(scope.slot_base);
      LOAD();
    }
    FUSEVM_NEXT();
  }

  // ── Higher-order blocks ──
  FUSEVM_CASE(MapBlock)
  FUSEVM_CASE(GrepBlock)
  FUSEVM_CASE(SortBlock)
  FUSEVM_CASE(ForEachBlock) {
    SLOW(op_higher_order(*ip));
    FUSEVM_DISPATCH();  // op_higher_order moved ip: into the block, or past the op
  }

  // ── Fused superinstructions ──
  FUSEVM_CASE(PreIncSlot) {
    {
      Value& s = slots[OPND(PreIncSlot, 0)];
      const int64_t n = wrap_add(s.to_int(), 1);
      s = Value::integer(n);
      PUSH_INT(n);
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(PreIncSlotVoid) {
    {
      Value& s = slots[OPND(PreIncSlotVoid, 0)];
      if (FUSEVM_LIKELY(s.is_int())) {
        ValueAccess::set_int(s, wrap_add(s.as_int(), 1));
      } else {
        s = Value::integer(wrap_add(s.to_int(), 1));
      }
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(PreDecSlot) {
    {
      Value& s = slots[OPND(PreDecSlot, 0)];
      const int64_t n = wrap_sub(s.to_int(), 1);
      s = Value::integer(n);
      PUSH_INT(n);
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(PostIncSlot) {
    {
      Value& s = slots[OPND(PostIncSlot, 0)];
      const int64_t old = s.to_int();
      s = Value::integer(wrap_add(old, 1));
      PUSH_INT(old);
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(PostDecSlot) {
    {
      Value& s = slots[OPND(PostDecSlot, 0)];
      const int64_t old = s.to_int();
      s = Value::integer(wrap_sub(old, 1));
      PUSH_INT(old);
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(AddAssignSlotVoid) {
    {
      Value& a = slots[OPND(AddAssignSlotVoid, 0)];
      const int64_t sum = wrap_add(a.to_int(), slots[OPND(AddAssignSlotVoid, 1)].to_int());
      if (FUSEVM_LIKELY(a.is_int())) {
        ValueAccess::set_int(a, sum);
      } else {
        a = Value::integer(sum);
      }
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(SlotLtIntJumpIfFalse) {
    if (slots[OPND(SlotLtIntJumpIfFalse, 0)].to_int() >= OPND(SlotLtIntJumpIfFalse, 1))
      BRANCH(OPND(SlotLtIntJumpIfFalse, 2));
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(SlotIncLtIntJumpBack) {
    {
      Value& s = slots[OPND(SlotIncLtIntJumpBack, 0)];
      const int64_t n = wrap_add(s.to_int(), 1);
      if (FUSEVM_LIKELY(s.is_int())) {
        ValueAccess::set_int(s, n);
      } else {
        s = Value::integer(n);
      }
      if (n < OPND(SlotIncLtIntJumpBack, 1)) BRANCH(OPND(SlotIncLtIntJumpBack, 2));
    }
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(AccumSumLoop) {
    {
      Value& sum_slot = slots[OPND(AccumSumLoop, 0)];
      Value& i_slot = slots[OPND(AccumSumLoop, 1)];
      const int64_t limit = OPND(AccumSumLoop, 2);
      int64_t sum = sum_slot.to_int();
      int64_t i = i_slot.to_int();
      if (i < limit) {
        const uint64_t iterations = quick::range_length(i, limit);
        if (limits_.fuel != 0 && quick::saturating_add(executed, iterations) > limits_.fuel) {
          SAVE();
          executed_ = limits_.fuel + 1;
          check_limits();
          goto failed;
        }
        executed = quick::saturating_add(executed, iterations);
        sum = sum_range_wrapping(sum, i, limit);
        i = limit;
      }
      // The slots are written in this order, so with sum and i the same slot, i wins.
      sum_slot = Value::integer(sum);
      i_slot = Value::integer(i);
    }
    FUSEVM_NEXT();
  }

  // ── Builtins and extensions ──
  FUSEVM_CASE(CallBuiltin) {
    SLOW(call_builtin(OPND(CallBuiltin, 0), OPND(CallBuiltin, 1)));
    if (FUSEVM_UNLIKELY(halted_)) goto halt_requested;
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(Extended) {
    SLOW(call_extension(OPND(Extended, 0), OPND(Extended, 1)));
    if (FUSEVM_UNLIKELY(halted_)) goto halt_requested;
    FUSEVM_NEXT();
  }
  FUSEVM_CASE(ExtendedWide) {
    SLOW(call_extension_wide(OPND(ExtendedWide, 0), OPND(ExtendedWide, 1)));
    if (FUSEVM_UNLIKELY(halted_)) goto halt_requested;
    FUSEVM_NEXT();
  }

  // ── Shell ops (ops_shell.cpp) ──
  FUSEVM_CASE(Exec)
  FUSEVM_CASE(CallFunction) {
    // These may enter a sub of the chunk, so they set ip themselves.
    SLOW(op_exec(*ip));
    FUSEVM_DISPATCH();
  }
  FUSEVM_CASE(ExecBg)
  FUSEVM_CASE(PipelineBegin)
  FUSEVM_CASE(PipelineStage)
  FUSEVM_CASE(PipelineEnd)
  FUSEVM_CASE(Redirect)
  FUSEVM_CASE(HereDoc)
  FUSEVM_CASE(HereString)
  FUSEVM_CASE(CmdSubst)
  FUSEVM_CASE(SubshellBegin)
  FUSEVM_CASE(SubshellEnd)
  FUSEVM_CASE(ProcessSubIn)
  FUSEVM_CASE(ProcessSubOut)
  FUSEVM_CASE(Glob)
  FUSEVM_CASE(GlobRecursive)
  FUSEVM_CASE(TestFile)
  FUSEVM_CASE(SetStatus)
  FUSEVM_CASE(GetStatus)
  FUSEVM_CASE(TrapSet)
  FUSEVM_CASE(TrapCheck)
  FUSEVM_CASE(ExpandParam)
  FUSEVM_CASE(WordSplit)
  FUSEVM_CASE(BraceExpand)
  FUSEVM_CASE(TildeExpand)
  FUSEVM_CASE(StrMatch)
  FUSEVM_CASE(RegexMatch)
  FUSEVM_CASE(WithRedirectsBegin)
  FUSEVM_CASE(WithRedirectsEnd) {
    SLOW(op_shell(*ip));
    FUSEVM_NEXT();
  }

  // ── Awk vocabulary (ops_awk.cpp) ──
#define FUSEVM_AWK_NO_OPERAND(name) \
  FUSEVM_CASE(name) {               \
    SLOW(op_awk(Op::name, 0));      \
    if (FUSEVM_UNLIKELY(halted_)) goto halt_requested; \
    FUSEVM_NEXT();                  \
  }
#define FUSEVM_AWK_OPERAND(name)                   \
  FUSEVM_CASE(name) {                              \
    SLOW(op_awk(Op::name, OPND(name, 0))); \
    if (FUSEVM_UNLIKELY(halted_)) goto halt_requested; \
    FUSEVM_NEXT();                                 \
  }
  FUSEVM_AWK_NO_OPERAND(AwkFieldGet)
  FUSEVM_AWK_NO_OPERAND(AwkFieldSet)
  FUSEVM_AWK_NO_OPERAND(AwkNf)
  FUSEVM_AWK_NO_OPERAND(AwkSetRecord)
  FUSEVM_AWK_OPERAND(AwkSpecialGet)
  FUSEVM_AWK_OPERAND(AwkSpecialSet)
  FUSEVM_AWK_OPERAND(AwkPrint)
  FUSEVM_AWK_OPERAND(AwkPrintf)
  FUSEVM_AWK_OPERAND(AwkSprintf)
  FUSEVM_AWK_OPERAND(AwkGetline)
  FUSEVM_AWK_OPERAND(AwkLength)
  FUSEVM_AWK_OPERAND(AwkSubstr)
  FUSEVM_AWK_NO_OPERAND(AwkIndex)
  FUSEVM_AWK_OPERAND(AwkSplit)
  FUSEVM_AWK_OPERAND(AwkSub)
  FUSEVM_AWK_OPERAND(AwkGsub)
  FUSEVM_AWK_NO_OPERAND(AwkMatch)
  FUSEVM_AWK_NO_OPERAND(AwkToLower)
  FUSEVM_AWK_NO_OPERAND(AwkToUpper)
  FUSEVM_AWK_NO_OPERAND(AwkInt)
  FUSEVM_AWK_NO_OPERAND(AwkSqrt)
  FUSEVM_AWK_NO_OPERAND(AwkSin)
  FUSEVM_AWK_NO_OPERAND(AwkCos)
  FUSEVM_AWK_NO_OPERAND(AwkExp)
  FUSEVM_AWK_NO_OPERAND(AwkLog)
  FUSEVM_AWK_NO_OPERAND(AwkAtan2)
  FUSEVM_AWK_OPERAND(AwkArrayGet)
  FUSEVM_AWK_OPERAND(AwkArraySet)
  FUSEVM_AWK_OPERAND(AwkArrayExists)
  FUSEVM_AWK_OPERAND(AwkArrayDelete)
  FUSEVM_AWK_OPERAND(AwkArrayClear)
  FUSEVM_AWK_OPERAND(AwkArrayLen)
  FUSEVM_AWK_OPERAND(AwkAnd)
  FUSEVM_AWK_OPERAND(AwkOr)
  FUSEVM_AWK_OPERAND(AwkXor)
  FUSEVM_AWK_NO_OPERAND(AwkCompl)
  FUSEVM_AWK_NO_OPERAND(AwkLshift)
  FUSEVM_AWK_NO_OPERAND(AwkRshift)
  FUSEVM_AWK_NO_OPERAND(AwkStrtonum)
  FUSEVM_AWK_NO_OPERAND(AwkSystime)
  FUSEVM_AWK_NO_OPERAND(AwkRand)
  FUSEVM_AWK_OPERAND(AwkSrand)
  FUSEVM_AWK_OPERAND(AwkStrftime)
  FUSEVM_AWK_OPERAND(AwkMktime)
  FUSEVM_AWK_NO_OPERAND(AwkOrd)
  FUSEVM_AWK_NO_OPERAND(AwkChr)
  FUSEVM_AWK_NO_OPERAND(AwkMkbool)
  FUSEVM_AWK_NO_OPERAND(AwkIntdiv)
  FUSEVM_AWK_NO_OPERAND(AwkIntdiv0)
  FUSEVM_AWK_OPERAND(AwkGensub)
  FUSEVM_AWK_NO_OPERAND(AwkDiv)
  FUSEVM_AWK_NO_OPERAND(AwkMod)
  FUSEVM_AWK_NO_OPERAND(AwkDivJit)
  FUSEVM_AWK_NO_OPERAND(AwkModJit)
  FUSEVM_AWK_NO_OPERAND(AwkSqrtJit)
  FUSEVM_AWK_NO_OPERAND(AwkLogJit)
  FUSEVM_AWK_NO_OPERAND(AwkLshiftJit)
  FUSEVM_AWK_NO_OPERAND(AwkRshiftJit)
  FUSEVM_AWK_NO_OPERAND(AwkComplJit)
  FUSEVM_AWK_OPERAND(AwkSignal)
#undef FUSEVM_AWK_NO_OPERAND
#undef FUSEVM_AWK_OPERAND

  // ── Float math ──
#define FUSEVM_FLOAT_UNARY(name, fn)                  \
  FUSEVM_CASE(name) {                                 \
    NEED(1);                                          \
    {                                                 \
      const double r = fn(sp[-1].to_float());         \
      sp[-1] = Value();                               \
      ValueAccess::set_float(sp[-1], r);              \
    }                                                 \
    FUSEVM_NEXT();                                    \
  }
  FUSEVM_FLOAT_UNARY(SqrtFloat, std::sqrt)
  FUSEVM_FLOAT_UNARY(SinFloat, std::sin)
  FUSEVM_FLOAT_UNARY(CosFloat, std::cos)
  FUSEVM_FLOAT_UNARY(ExpFloat, std::exp)
  FUSEVM_FLOAT_UNARY(LogFloat, std::log)
  FUSEVM_FLOAT_UNARY(AbsFloat, std::fabs)
#undef FUSEVM_FLOAT_UNARY
  FUSEVM_CASE(Atan2Float) {
    NEED(2);
    BINARY_RESULT(ValueAccess::set_float, std::atan2(sp[-2].to_float(), sp[-1].to_float()));
    FUSEVM_NEXT();
  }

  // ── Quick ops (quick_ops.def) ──
#include "quick_handlers.inc"

  // ── The end of a code unit ──
  FUSEVM_CASE_END {
    if (unit_ != 0) {
      // A block finished one element (blocks.cpp decides what comes next).
      SLOW(block_step());
      FUSEVM_DISPATCH();
    }
    SAVE();
    goto finish_run;
  }
#if FUSEVM_COMPUTED_GOTO
  // (no invalid opcodes can be dispatched: the label table covers every op and the sentinel)
#else
  FUSEVM_CASE_INVALID {
    SAVE();
    raise(ErrorCode::RuntimeError, "invalid opcode " + std::to_string(static_cast<int>(ip->op)));
    goto failed;
  }
  }  // switch
#endif

underflow: {
  SAVE();
  const StackEffect e = stack_effect(*ip);
  raise(ErrorCode::StackUnderflow,
        "stack underflow: " + std::string(op_name(ip->op)) + " needs " + std::to_string(e.pops) +
            (e.pops == 1 ? " value" : " values") + " but the frame has " +
            std::to_string(sp - floor));
  goto failed;
}
recording_done: {
  // A trace recording closed or was abandoned (the state is saved): compile it, maybe run it,
  // and go back to the untraced loop.
  if (trace_recorded() < 0) goto failed;
  switch_loop_ = true;
  return VMResult::halted();
}
take_pending:
  raise(pending_error_->first, pending_error_->second);
  pending_error_.reset();
  goto failed;
halt_requested:
  SAVE();
  ++ip_;
  ++executed_;  // the op that asked to halt
finish_run:
  // The run ended: the result is the top of the stack (Halted when there is none).
  finished_ = true;
  if (sp_ == 0) return VMResult::halted();
  return VMResult::ok(std::move(stack_[--sp_]));
failed:
  return VMResult::error(failure_code_, failure_);

#undef FUSEVM_BEFORE_DISPATCH
#undef OPND
#undef SAVE
#undef LOAD
#undef SLOW
#undef NEED
#undef ROOM
#undef PUSH_WITH
#undef PUSH_INT
#undef PUSH_FLOAT
#undef PUSH_BOOL
#undef PUSH_COPY
#undef BINARY_RESULT
#undef DROP
#undef BRANCH
#undef JUMP_TO
#undef QUICK_DEOPT
#undef QUICK_NEED
}

template VMResult VM::Impl::execute_loop<false, false>();
template VMResult VM::Impl::execute_loop<false, true>();
template VMResult VM::Impl::execute_loop<true, true>();

}  // namespace fusevm
