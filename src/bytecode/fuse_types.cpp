// The slot-type analysis behind fusion preconditions: for every op, what each slot of its frame
// is known to hold (an Int, a Str, Undef, something else, or unknown) whenever the op runs.
//
// A forward dataflow analysis over the control flow: each op has a state of slot types and the
// types of the values on top of the stack (the part below a merge of different depths is
// unknown). States join per slot; the lattice is shallow, so the worklist settles quickly. It is
// conservative everywhere it cannot see: embedder handlers may set any slot, blocks share their
// frame's slots, and a PopFrame returns to slots the analysis does not track, so all of those
// make every slot unknown.
#include "fuse_types.h"

#include <deque>

#include "fusevm/code_tables.h"

namespace fusevm::detail {
namespace {

SlotType join(SlotType a, SlotType b) {
  if (a == SlotType::Unreached) return b;
  if (b == SlotType::Unreached) return a;
  return a == b ? a : SlotType::Unknown;
}

SlotType type_of(const Value& v) {
  switch (v.type()) {
    case ValueType::Undef: return SlotType::Undef;
    case ValueType::Int: return SlotType::Int;
    case ValueType::Str: return SlotType::Str;
    default: return SlotType::Other;
  }
}

struct State {
  bool reached = false;
  std::vector<SlotType> slots;
  std::vector<SlotType> stack;  // the top of the stack, last element on top
  bool stack_bottom_unknown = false;

  SlotType pop() {
    if (stack.empty()) return SlotType::Unknown;
    SlotType t = stack.back();
    stack.pop_back();
    return t;
  }
  void push(SlotType t) { stack.push_back(t); }
  void forget_slots() { std::fill(slots.begin(), slots.end(), SlotType::Unknown); }
  void forget_stack() {
    stack.clear();
    stack_bottom_unknown = true;
  }
};

// Joins `in` into `target`; true if target changed.
bool merge_into(State& target, const State& in) {
  if (!target.reached) {
    target = in;
    return true;
  }
  bool changed = false;
  for (size_t i = 0; i < target.slots.size(); ++i) {
    SlotType j = join(target.slots[i], in.slots[i]);
    changed |= j != target.slots[i];
    target.slots[i] = j;
  }
  // Align the stacks at the top; keep the common part.
  const size_t common = std::min(target.stack.size(), in.stack.size());
  const bool bottom = target.stack_bottom_unknown || in.stack_bottom_unknown ||
                      target.stack.size() != in.stack.size();
  std::vector<SlotType> joined(common);
  for (size_t k = 0; k < common; ++k)
    joined[common - 1 - k] = join(target.stack[target.stack.size() - 1 - k], in.stack[in.stack.size() - 1 - k]);
  changed |= joined != target.stack || bottom != target.stack_bottom_unknown;
  target.stack = std::move(joined);
  target.stack_bottom_unknown = bottom;
  return changed;
}

SlotType numeric_result(SlotType a, SlotType b) {
  if (a == SlotType::Int && b == SlotType::Int) return SlotType::Int;
  if (a == SlotType::Unknown || b == SlotType::Unknown) return SlotType::Unknown;
  return SlotType::Other;  // the to_float path: a Float
}

// Applies one op to a state (the state the op's successors see).
void transfer(const Chunk& chunk, const Instr& ins, State& s) {
  auto slot = [&](size_t i) -> SlotType& { return s.slots[ins.raw(i)]; };
  switch (ins.op) {
    case Op::LoadInt: s.push(SlotType::Int); return;
    case Op::LoadConst: {
      const uint64_t k = ins.raw(0);
      s.push(k < chunk.constants.size() ? type_of(chunk.constants[k]) : SlotType::Undef);
      return;
    }
    case Op::LoadUndef: s.push(SlotType::Undef); return;
    case Op::GetSlot: s.push(slot(0)); return;
    case Op::SetSlot: slot(0) = s.pop(); return;
    case Op::Dup: {
      SlotType t = s.pop();
      s.push(t);
      s.push(t);
      return;
    }
    case Op::Swap: {
      SlotType b = s.pop(), a = s.pop();
      s.push(b);
      s.push(a);
      return;
    }
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Mod: {
      SlotType b = s.pop(), a = s.pop();
      s.push(numeric_result(a, b));
      return;
    }
    case Op::Inc: case Op::Dec: case Op::TruncInt: case Op::BitNot: case Op::StringLen:
      s.pop();
      s.push(SlotType::Int);
      return;
    case Op::BitAnd: case Op::BitOr: case Op::BitXor: case Op::Shl: case Op::Shr:
    case Op::Spaceship: case Op::StrCmp:
      s.pop();
      s.pop();
      s.push(SlotType::Int);
      return;
    case Op::Concat: case Op::StringRepeat:
      s.pop();
      s.pop();
      s.push(SlotType::Str);
      return;
    case Op::PreIncSlot: case Op::PreDecSlot: case Op::PostIncSlot: case Op::PostDecSlot:
      slot(0) = SlotType::Int;
      s.push(SlotType::Int);
      return;
    case Op::PreIncSlotVoid: case Op::AddAssignSlotVoid: case Op::SlotIncLtIntJumpBack:
      slot(0) = SlotType::Int;
      return;
    case Op::AccumSumLoop:
      slot(0) = SlotType::Int;
      slot(1) = SlotType::Int;
      return;
    case Op::ConcatConstLoop:
      slot(1) = SlotType::Str;
      slot(2) = SlotType::Int;
      return;
    case Op::PushIntRangeLoop:
      slot(1) = SlotType::Int;
      return;
    case Op::PushFrame:
      // A fresh frame: all its slots are Undef, its stack starts empty.
      std::fill(s.slots.begin(), s.slots.end(), SlotType::Undef);
      s.stack.clear();
      s.stack_bottom_unknown = false;
      return;
    case Op::PopFrame:
    case Op::MapBlock: case Op::GrepBlock: case Op::SortBlock: case Op::ForEachBlock:
      s.forget_slots();
      s.forget_stack();
      return;
    case Op::Call:
      // The callee has its own slots; it leaves 0 or 1 value.
      s.forget_stack();
      return;
    default:
      break;
  }
  const StackEffect e = stack_effect(ins);
  if (e.unknown || ins.info().has(opflag::kCallsHost) || ins.info().has(opflag::kCall)) {
    // An embedder handler may set any slot of this frame.
    s.forget_slots();
    s.forget_stack();
    return;
  }
  if (e.take_up_to || e.pushes_min != e.pushes_max) {
    s.forget_stack();
    return;
  }
  for (uint32_t i = 0; i < e.pops; ++i) s.pop();
  for (uint32_t i = 0; i < e.pushes_max; ++i) s.push(SlotType::Other);
}

}  // namespace

std::vector<std::vector<SlotType>> analyze_slot_types(const Chunk& chunk, size_t slot_count) {
  const size_t n = chunk.ops.size();
  std::vector<State> states(n);
  std::deque<size_t> work;
  std::vector<bool> queued(n, false);
  auto merge = [&](uint64_t ip, const State& s) {
    if (ip >= n) return;
    if (merge_into(states[ip], s) && !queued[ip]) {
      queued[ip] = true;
      work.push_back(ip);
    }
  };
  State entry;
  entry.reached = true;
  entry.slots.assign(slot_count, SlotType::Undef);
  merge(0, entry);
  for (const SubEntry& e : chunk.sub_entries) merge(e.ip, entry);  // a fresh Call frame
  for (const BlockRange& r : chunk.block_ranges) {
    State block;
    block.reached = true;
    block.slots.assign(slot_count, SlotType::Unknown);  // the enclosing frame's slots
    block.stack_bottom_unknown = true;
    merge(r.start, block);
  }
  while (!work.empty()) {
    const size_t ip = work.front();
    work.pop_front();
    queued[ip] = false;
    const Instr& ins = chunk.ops[ip];
    State out = states[ip];
    transfer(chunk, ins, out);
    const OpInfo& info = ins.info();
    if (!info.has(opflag::kNoFallthrough)) merge(ip + 1, out);
    if (info.has(opflag::kBranch) || info.has(opflag::kJump)) {
      // Conditional jumps see the state after the condition was popped (like the fall-through).
      for (size_t i = 0; i < ins.operand_count(); ++i)
        if (ins.operand_kind(i) == OperandKind::Target) merge(ins.raw(i), out);
    }
  }
  std::vector<std::vector<SlotType>> result(n);
  for (size_t ip = 0; ip < n; ++ip)
    result[ip] = states[ip].reached ? std::move(states[ip].slots) : std::vector<SlotType>(slot_count, SlotType::Unreached);
  return result;
}

}  // namespace fusevm::detail
