// Loop peeling and dead-code elimination (peel.h).
#include "jit/trace/peel.h"

#include <fmt/format.h>

#include "jit/trace/emit.h"

namespace fusevm::jit::trace {

namespace {

// The loop body's copy of a snapshot: its values one iteration later, plus every slot the
// iteration writes that the original did not have yet (earlier iterations wrote it: its value
// is the one the loop started the iteration with).
Snapshot copy_snapshot(const Snapshot& from, const std::vector<Ref>& subst,
                       const std::vector<std::pair<uint16_t, Ref>>& end) {
  Snapshot to = from;
  for (SnapEntry& e : to.entries) e.ref = subst[e.ref];
  for (const auto& [slot, start] : end) {
    bool present = false;
    for (const SnapEntry& e : from.entries) present = present || (e.target == SnapTarget::Slot && e.index == slot);
    if (!present) to.entries.push_back({SnapTarget::Slot, 0, slot, start});
  }
  return to;
}

}  // namespace

Result<TraceIr> peel_loop(TraceIr ir, const std::vector<std::pair<uint16_t, Ref>>& end, uint32_t back_snap,
                          const PassFlags& flags) {
  IrEmitter em(ir, flags);
  em.adopt_existing();
  const auto pre_roll = static_cast<Ref>(ir.ins.size());
  // The pre-roll's own back edge: the interpreter would check its limits at the closing jump.
  em.guard(IrOp::LoopCheck, kNoRef, back_snap);
  ir.loop = em.emit(IrOp::Loop, IrType::Undef);

  std::vector<Ref> subst(pre_roll);
  for (Ref r = 0; r < pre_roll; ++r) subst[r] = r;
  // A slot's entry value, one iteration later, is its value at the end of the pre-roll.
  for (const auto& [slot, value] : end)
    for (Ref r = 0; r < pre_roll; ++r)
      if (ir.ins[r].op == IrOp::SLoad && ir.ins[r].imm == slot) subst[r] = value;

  for (Ref r = 0; r < pre_roll; ++r) {
    const IrIns ins = ir.ins[r];  // a copy: emitting may reallocate
    if (ins.op == IrOp::SLoad || ins.op == IrOp::Nop || ir_is_const(ins.op)) continue;
    const Ref a = ins.a == kNoRef ? kNoRef : subst[ins.a];
    const Ref b = ins.b == kNoRef ? kNoRef : subst[ins.b];
    if (ir_is_pure(ins.op)) {
      subst[r] = em.emit(ins.op, ins.type, a, b, ins.imm);
      if (em.type(subst[r]) != ins.type)
        return Status(ErrorCode::NotCompiled, "trace: a value changes type from one iteration to the next");
      continue;
    }
    if (ins.op == IrOp::SStore) {
      em.emit(IrOp::SStore, ins.type, a, kNoRef, ins.imm);
      continue;
    }
    if (ins.op == IrOp::ElemTag || ins.op == IrOp::ElemLoad) {  // memory: read again each iteration
      subst[r] = em.emit(ins.op, ins.type, a, b, ins.imm);
      continue;
    }
    if (ins.op == IrOp::ElemStore) {
      const auto data = static_cast<Ref>(ins.imm);
      if (subst[data] != data) return Status(ErrorCode::NotCompiled, "trace: an array's address changes in the loop");
      em.emit(IrOp::ElemStore, ins.type, a, b, ins.imm);
      continue;
    }
    if (ins.op == IrOp::LoopCheck) continue;  // the loop body gets its own at its end
    if (ir_is_guard(ins.op)) {
      ir.snaps.push_back(copy_snapshot(ir.snaps[ins.snap], subst, end));
      // The same guard on the same, unchanged value passed in the pre-roll; on a pre-roll value
      // that stands for another one now, it must be checked again.
      const bool unchanged = a == ins.a;
      const bool in_body = a != kNoRef && a > ir.loop;
      if (!em.guard(ins.op, a, static_cast<uint32_t>(ir.snaps.size() - 1), unchanged || in_body, ins.imm))
        return Status(ErrorCode::NotCompiled, "trace: a guard of the loop body can never pass");
      continue;
    }
    return Status(ErrorCode::NotCompiled, fmt::format("trace: cannot peel {}", ir_op_name(ins.op)));
  }

  // The loop body's back edge, then the loop-carried values.
  Snapshot back = ir.snaps[back_snap];
  for (SnapEntry& e : back.entries) e.ref = subst[e.ref];
  ir.snaps.push_back(std::move(back));
  em.guard(IrOp::LoopCheck, kNoRef, static_cast<uint32_t>(ir.snaps.size() - 1));

  std::vector<uint8_t> used(pre_roll, 0);
  const auto use = [&](Ref r) {
    if (r != kNoRef && r < pre_roll) used[r] = 1;
  };
  for (Ref r = ir.loop + 1; r < ir.ins.size(); ++r) {
    const IrIns& i = ir.ins[r];
    const int n = ir_operand_count(i.op);
    if (n >= 1) use(i.a);
    if (n >= 2) use(i.b);
    if (ir_is_guard(i.op))
      for (const SnapEntry& e : ir.snaps[i.snap].entries) use(e.ref);
  }
  // A Phi's new value may itself be a pre-roll value that changes: that one needs a Phi too
  // (a slot toggled by `not` alternates between two pre-roll values), until nothing is added.
  std::vector<Ref> work;
  for (Ref r = 0; r < pre_roll; ++r)
    if (used[r]) work.push_back(r);
  std::vector<uint8_t> has_phi(pre_roll, 0);
  while (!work.empty()) {
    const Ref r = work.back();
    work.pop_back();
    if (has_phi[r] || subst[r] == r) continue;
    has_phi[r] = 1;
    if (subst[r] < pre_roll && !used[subst[r]]) {
      used[subst[r]] = 1;
      work.push_back(subst[r]);
    }
  }
  for (Ref r = 0; r < pre_roll; ++r)
    if (has_phi[r]) em.emit(IrOp::Phi, ir.ins[r].type, r, subst[r]);
  dead_code(ir);
  return ir;
}

void dead_code(TraceIr& ir) {
  std::vector<uint8_t> live(ir.ins.size(), 0);
  std::vector<Ref> work;
  const auto mark = [&](Ref r) {
    if (r != kNoRef && r < live.size() && !live[r]) {
      live[r] = 1;
      work.push_back(r);
    }
  };
  for (Ref r = 0; r < ir.ins.size(); ++r) {
    const IrIns& i = ir.ins[r];
    if (ir_is_pure(i.op)) continue;
    mark(r);
    if (i.op == IrOp::SLoad) continue;
    if (ir_is_guard(i.op))
      for (const SnapEntry& e : ir.snaps[i.snap].entries) mark(e.ref);
  }
  for (const auto& [slot, r] : ir.boxed_back_edge) mark(r);
  while (!work.empty()) {
    const Ref r = work.back();
    work.pop_back();
    const IrIns& i = ir.ins[r];
    const int n = ir_operand_count(i.op);
    if (n >= 1) mark(i.a);
    if (n >= 2) mark(i.b);
    if (i.op == IrOp::ElemStore) mark(static_cast<Ref>(i.imm));  // the array's address
  }
  for (Ref r = 0; r < ir.ins.size(); ++r)
    if (!live[r] && ir_is_pure(ir.ins[r].op)) ir.ins[r].op = IrOp::Nop;
}

}  // namespace fusevm::jit::trace
