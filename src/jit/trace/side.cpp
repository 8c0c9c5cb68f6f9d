// Side paths (side.h).
#include "jit/trace/side.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "jit/trace/symbolic.h"

namespace fusevm::jit::trace {

namespace {

// The guard that leaves through snapshot `snap` (kNoRef when guard elimination dropped it).
Ref guard_of(const TraceIr& ir, uint32_t snap) {
  for (Ref r = 0; r < ir.ins.size(); ++r)
    if (ir_is_guard(ir.ins[r].op) && ir.ins[r].snap == snap) return r;
  return kNoRef;
}

// The side path `r` belongs to (-1: the main path).
int segment_of(const TraceIr& ir, Ref r) {
  for (size_t k = 0; k < ir.sides.size(); ++k)
    if (r >= ir.sides[k].begin && r < ir.sides[k].end) return static_cast<int>(k);
  return -1;
}

// The instructions that have run whenever `g` runs: the start of its own path up to it, and,
// for a side path, the path it grew from up to the guard that branched to it.
std::vector<uint8_t> dominators(const TraceIr& ir, Ref g) {
  std::vector<uint8_t> dom(ir.ins.size(), 0);
  while (g != kNoRef) {
    const int seg = segment_of(ir, g);
    const Ref begin = seg < 0 ? 0 : ir.sides[static_cast<size_t>(seg)].begin;
    for (Ref r = begin; r < g; ++r) dom[r] = 1;
    g = seg < 0 ? kNoRef : guard_of(ir, ir.sides[static_cast<size_t>(seg)].parent_snap);
  }
  return dom;
}

bool same_value(const TraceIr& ir, Ref a, Ref b) {
  if (a == b) return true;
  const IrIns &x = ir.ins[a], &y = ir.ins[b];
  return ir_is_const(x.op) && x.op == y.op && x.type == y.type && x.imm == y.imm;
}

// For a side path that ends at the loop header: each loop-carried register's next value, or
// false when the loop cannot go on from this state in its registers.
bool rejoin_values(const TraceIr& ir, PathBuilder& path, uint32_t slot_count, std::map<Ref, Ref>& next) {
  const Ref main_end = main_path_end(ir);
  std::map<Ref, Ref> phis;  // register -> the main path's next value
  for (Ref r = 0; r < main_end; ++r)
    if (ir.ins[r].op == IrOp::Phi) phis[ir.ins[r].a] = ir.ins[r].b;
  std::vector<uint8_t> carried(slot_count, 0);
  for (const auto& [slot, reg] : ir.loop_slots) {
    if (slot >= slot_count || !path.wrote(slot)) return false;
    carried[slot] = 1;
    const Ref v = path.slot_value(slot);
    if (ir.ins[v].type != ir.ins[reg].type) return false;
    if (phis.count(reg) == 0) {
      if (!same_value(ir, v, reg)) return false;  // an invariant register: it must stay as it is
      continue;
    }
    auto [it, fresh] = next.emplace(reg, v);
    if (!fresh && !same_value(ir, it->second, v)) return false;  // two slots shared a register
  }
  for (const auto& [reg, value] : phis)
    if (next.count(reg) == 0) return false;  // a register that is not a slot's value
  for (uint32_t s = 0; s < slot_count; ++s)
    if (!carried[s] && path.wrote(s)) return false;  // the loop body would read it from memory
  return true;
}

}  // namespace

void mark_side_exits(TraceIr& ir) {
  for (Snapshot& s : ir.snaps) s.side_ok = false;
  if (ir.loop == kNoRef) return;  // without unboxing the loop has no registers to rejoin
  std::vector<uint8_t> attached(ir.snaps.size(), 0);
  for (const SideSegment& seg : ir.sides) attached[seg.parent_snap] = 1;
  const Ref main_end = main_path_end(ir);
  for (Ref r = 0; r < ir.ins.size(); ++r) {
    const IrIns& i = ir.ins[r];
    if (i.op != IrOp::GuardTrue && i.op != IrOp::GuardFalse) continue;
    const int seg = segment_of(ir, r);
    const uint32_t depth = seg < 0 ? 0 : ir.sides[static_cast<size_t>(seg)].depth;
    const bool in_loop = seg >= 0 || (r > ir.loop && r < main_end);
    Snapshot& s = ir.snaps[i.snap];
    s.path_depth = static_cast<uint8_t>(depth);
    s.side_ok = in_loop && depth < kMaxSideDepth && !s.loop_exit && s.frames.size() <= kMaxInlineDepth &&
                !attached[i.snap];
  }
}

Status attach_side(TraceIr& ir, const TraceSource& source, const SideRecording& side, const PassFlags& flags) {
  if (side.parent_snap >= ir.snaps.size()) return Status(ErrorCode::NotCompiled, "grows from an exit the trace does not have");
  if (!ir.snaps[side.parent_snap].side_ok) return Status(ErrorCode::NotCompiled, "grows from an exit that cannot have one");
  const Ref guard = guard_of(ir, side.parent_snap);
  if (guard == kNoRef) return Status(ErrorCode::NotCompiled, "grows from an exit no guard takes");
  const Snapshot parent = ir.snaps[side.parent_snap];  // a copy: the path adds snapshots

  const std::vector<uint8_t> visible = dominators(ir, guard);
  PathSeed seed;
  seed.snap = &parent;
  seed.loaded.assign(source.slot_count, kNoRef);
  for (Ref r = 0; r < visible.size(); ++r)
    if (visible[r] && ir.ins[r].op == IrOp::SLoad && ir.ins[r].imm < source.slot_count) seed.loaded[ir.ins[r].imm] = r;
  seed.ops_base = parent.ops;
  seed.loop_last_ip = source.recording.ips.empty() ? source.recording.anchor : source.recording.ips.back();

  IrEmitter em(ir, flags);
  em.adopt(visible);
  const IrIns& g = ir.ins[guard];
  em.assume(g.op == IrOp::GuardTrue ? IrOp::GuardFalse : IrOp::GuardTrue, g.a);  // it failed
  SideSegment seg;
  seg.parent_snap = side.parent_snap;
  const int parent_seg = segment_of(ir, guard);
  seg.depth = parent_seg < 0 ? 1 : ir.sides[static_cast<size_t>(parent_seg)].depth + 1;
  seg.begin = em.emit(IrOp::SideEntry, IrType::Undef, kNoRef, kNoRef, side.parent_snap);

  TraceSource path_source;
  path_source.chunk = source.chunk;
  path_source.sub_entry = source.sub_entry;
  path_source.slot_count = source.slot_count;
  path_source.recording.anchor = source.recording.anchor;
  path_source.recording.ips = side.ips;
  path_source.recording.slot_kinds = side.slot_kinds;
  path_source.recording.observed = side.observed;
  PathBuilder path(path_source, flags, ir, em, false);
  path.seed(std::move(seed));
  std::string error;
  if (!path.run(error)) return Status(ErrorCode::NotCompiled, error);

  const auto length = static_cast<uint32_t>(side.ips.size());
  std::map<Ref, Ref> next;
  seg.rejoins = rejoin_values(ir, path, source.slot_count, next);
  const uint32_t back = path.snapshot(source.recording.anchor, length, true);
  if (seg.rejoins) {
    em.guard(IrOp::LoopCheck, kNoRef, back);
    for (const auto& [reg, value] : next)
      if (value != reg) em.emit(IrOp::Phi, ir.ins[reg].type, reg, value);
  } else {
    em.guard(IrOp::Exit, kNoRef, back, false);
  }
  seg.end = static_cast<Ref>(ir.ins.size());
  ir.sides.push_back(seg);
  ir.max_iteration_ops = std::max(ir.max_iteration_ops, parent.ops + length);
  mark_side_exits(ir);
  return Status();
}

}  // namespace fusevm::jit::trace
