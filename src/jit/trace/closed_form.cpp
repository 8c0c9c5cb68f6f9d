// Closed-form loops (closed_form.h): recognising the shape, and how far a loop may be skipped.
#include "jit/trace/closed_form.h"

#include <algorithm>
#include <map>

namespace fusevm::jit::trace {

namespace {

// A value of the loop body as constant + sum(coef * phi) + sum(coef * invariant), modulo 2^64
// (the ring the Int ops compute in, so the identity holds whatever wraps).
struct Affine {
  bool known = false;
  uint64_t constant = 0;
  std::map<Ref, uint64_t> phis;  // keyed by the Phi's pre-roll value
  std::map<Ref, uint64_t> invariants;

  static Affine of_constant(uint64_t c) {
    Affine a;
    a.known = true;
    a.constant = c;
    return a;
  }
  bool is_constant() const { return known && phis.empty() && invariants.empty(); }
};

void add_scaled(std::map<Ref, uint64_t>& into, const std::map<Ref, uint64_t>& from, uint64_t scale) {
  for (const auto& [r, c] : from) {
    const uint64_t sum = into[r] + c * scale;
    if (sum == 0) into.erase(r);
    else into[r] = sum;
  }
}

// a + scale * b
Affine combine(const Affine& a, const Affine& b, uint64_t scale) {
  if (!a.known || !b.known) return {};
  Affine out = a;
  out.constant += b.constant * scale;
  add_scaled(out.phis, b.phis, scale);
  add_scaled(out.invariants, b.invariants, scale);
  return out;
}

Affine scaled(const Affine& a, uint64_t scale) { return combine(Affine::of_constant(0), a, scale); }

class BodyAnalysis {
 public:
  explicit BodyAnalysis(const TraceIr& ir) : ir_(ir), values_(ir.ins.size()) {}

  bool run(ClosedForm& out);

 private:
  Affine value(Ref r) const;
  bool evaluate(Ref r);
  bool find_test(ClosedForm& out) const;

  const TraceIr& ir_;
  std::vector<Affine> values_;            // body instructions
  std::map<Ref, Ref> next_;               // Phi: pre-roll value -> value at the iteration's end
  Ref guard_ = kNoRef, check_ = kNoRef;
};

Affine BodyAnalysis::value(Ref r) const {
  if (r > ir_.loop) return values_[r];
  const IrIns& i = ir_.ins[r];
  if (i.op == IrOp::KInt) return Affine::of_constant(i.imm);
  if (i.type != IrType::Int) return {};
  Affine a;
  a.known = true;
  if (next_.count(r) != 0) a.phis[r] = 1;
  else a.invariants[r] = 1;  // a pre-roll value without a Phi: the same in every iteration
  return a;
}

// Records what body instruction r computes; false for one that rules the loop out.
bool BodyAnalysis::evaluate(Ref r) {
  const IrIns& i = ir_.ins[r];
  switch (i.op) {
    case IrOp::Nop:
    case IrOp::Phi:
      return true;
    case IrOp::KInt:
      values_[r] = Affine::of_constant(i.imm);
      return true;
    case IrOp::AddI:
      values_[r] = combine(value(i.a), value(i.b), 1);
      return true;
    case IrOp::SubI:
      values_[r] = combine(value(i.a), value(i.b), UINT64_MAX);
      return true;
    case IrOp::NegI:
      values_[r] = scaled(value(i.a), UINT64_MAX);
      return true;
    case IrOp::MulI: {
      const Affine a = value(i.a), b = value(i.b);
      if (a.is_constant()) values_[r] = scaled(b, a.constant);
      else if (b.is_constant()) values_[r] = scaled(a, b.constant);
      return true;
    }
    case IrOp::GuardTrue:
    case IrOp::GuardFalse:
      if (guard_ != kNoRef) return false;  // a second condition: skipping would not check it
      guard_ = r;
      return true;
    case IrOp::LoopCheck:
      if (check_ != kNoRef) return false;
      check_ = r;
      return true;
    default:
      // Any other pure value is fine as long as nothing the skip needs depends on it (it is
      // computed again from the advanced values when the body runs); anything with an effect
      // or a condition of its own rules the loop out.
      return ir_is_pure(i.op);
  }
}

// The guard's comparison as "counter + offset <test> bound".
bool BodyAnalysis::find_test(ClosedForm& out) const {
  const IrIns& g = ir_.ins[guard_];
  const IrIns& cmp = ir_.ins[g.a];
  if (g.a <= ir_.loop || (cmp.op != IrOp::LtI && cmp.op != IrOp::LeI)) return false;
  const auto counter_side = [&](Ref r, Ref& counter, int64_t& offset) {
    const Affine a = value(r);
    if (!a.known || !a.invariants.empty() || a.phis.size() != 1 || a.phis.begin()->second != 1) return false;
    counter = a.phis.begin()->first;
    offset = static_cast<int64_t>(a.constant);
    return true;
  };
  const auto bound_side = [&](Ref r) {
    return r < ir_.loop && ir_.ins[r].type == IrType::Int && next_.count(r) == 0;
  };
  const bool lt = cmp.op == IrOp::LtI;
  if (counter_side(cmp.a, out.counter, out.offset) && bound_side(cmp.b)) {
    out.bound = cmp.b;
    out.test = lt ? LoopTest::Lt : LoopTest::Le;
  } else if (counter_side(cmp.b, out.counter, out.offset) && bound_side(cmp.a)) {
    out.bound = cmp.a;
    out.test = lt ? LoopTest::Gt : LoopTest::Ge;
  } else {
    return false;
  }
  if (g.op == IrOp::GuardFalse) {  // the loop runs while the comparison is false
    static constexpr LoopTest kNegated[] = {LoopTest::Ge, LoopTest::Gt, LoopTest::Le, LoopTest::Lt};
    out.test = kNegated[static_cast<int>(out.test)];
  }
  return true;
}

bool BodyAnalysis::run(ClosedForm& out) {
  const auto end = static_cast<Ref>(ir_.ins.size());
  for (Ref r = ir_.loop + 1; r < end; ++r) {
    const IrIns& i = ir_.ins[r];
    if (i.op != IrOp::Phi) continue;
    if (i.type != IrType::Int) return false;
    next_[i.a] = i.b;
  }
  if (next_.empty()) return false;
  for (Ref r = ir_.loop + 1; r < end; ++r)
    if (!evaluate(r)) return false;
  if (guard_ == kNoRef || check_ == kNoRef || !find_test(out)) return false;

  const Affine counter_next = value(next_.at(out.counter));
  const Affine step = combine(counter_next, value(out.counter), UINT64_MAX);
  if (!step.is_constant() || step.constant == 0) return false;
  out.step = static_cast<int64_t>(step.constant);
  const bool up = out.test == LoopTest::Lt || out.test == LoopTest::Le;
  if (up != (out.step > 0)) return false;  // a loop counting away from its bound

  for (const auto& [phi, next] : next_) {
    // next = phi + (constant + invariants + counter_coef * counter): no other phi may appear.
    Affine change = combine(value(next), value(phi), UINT64_MAX);
    if (!change.known) return false;
    LoopUpdate u;
    u.value = phi;
    if (phi != out.counter && change.phis.count(out.counter) != 0) {
      u.counter_coef = change.phis[out.counter];
      change.phis.erase(out.counter);
    }
    if (!change.phis.empty()) return false;
    u.constant = change.constant;
    u.invariants.assign(change.invariants.begin(), change.invariants.end());
    out.updates.push_back(std::move(u));
  }
  out.ops = ir_.snaps[ir_.ins[check_].snap].ops;
  return true;
}

}  // namespace

void find_closed_form(TraceIr& ir) {
  ir.closed_form = ClosedForm{};
  if (ir.loop == kNoRef || !ir.sides.empty() || !ir.boxed_back_edge.empty()) return;
  ClosedForm found;
  if (BodyAnalysis(ir).run(found)) ir.closed_form = std::move(found);
}

uint64_t loop_skip_count(const LoopSkipInput& in) {
  __extension__ typedef __int128 Wide;  // every value the counter takes, without wrapping
  const Wide first = static_cast<Wide>(in.counter) + in.offset;
  const auto fits = [](Wide v) { return v >= INT64_MIN && v <= INT64_MAX; };
  if (!fits(first) || in.step == 0 || in.ops == 0) return 0;
  const Wide bound = in.bound;
  const Wide step = in.step > 0 ? Wide{in.step} : -Wide{in.step};
  Wide runs = 0;  // iterations the guard lets through
  switch (static_cast<LoopTest>(in.test)) {
    case LoopTest::Lt: runs = in.step > 0 && first < bound ? (bound - first + step - 1) / step : 0; break;
    case LoopTest::Le: runs = in.step > 0 && first <= bound ? (bound - first) / step + 1 : 0; break;
    case LoopTest::Gt: runs = in.step < 0 && first > bound ? (first - bound + step - 1) / step : 0; break;
    case LoopTest::Ge: runs = in.step < 0 && first >= bound ? (first - bound) / step + 1 : 0; break;
  }
  // The last test the guard makes (the failing one) sees the farthest value; if that fits, so
  // does every one before it.
  if (runs == 0 || !fits(first + runs * Wide{in.step})) return 0;
  if (in.count >= in.limit) return 0;
  const uint64_t passes = (in.limit - 1 - in.count) / in.ops + 1;  // back edges the fuel check lets by
  return static_cast<uint64_t>(std::min<Wide>(runs, passes));
}

}  // namespace fusevm::jit::trace
