// Prepares a chunk for the loop: private code units with end sentinels, padded pools, the sub
// table. Works on any chunk, verified or not (it only has to leave the loop's invariants true).
#include <algorithm>

#include "interp.h"
#include "quick.h"

namespace fusevm {
namespace {

// Copies ops [start, end) into a unit, rebasing jump targets by -start; targets outside
// [start, end] go to the sentinel (end), which is where the original would have ended the run.
// Both copies of the unit are made (interp.h); the first is quickened when `quicken` is set.
CodeUnit make_unit(const std::vector<Instr>& ops, uint64_t start, uint64_t end, bool quicken) {
  CodeUnit unit;
  unit.origin = start;
  const size_t n = static_cast<size_t>(end - start);
  unit.span = n + 1;
  unit.ops.reserve(2 * unit.span);
  unit.ops.assign(ops.begin() + static_cast<std::ptrdiff_t>(start),
                  ops.begin() + static_cast<std::ptrdiff_t>(end));
  for (Instr& ins : unit.ops) {
    for (size_t i = 0; i < ins.operand_count(); ++i) {
      if (ins.operand_kind(i) != OperandKind::Target) continue;
      const uint64_t t = ins.raw(i);
      ins.set_raw(i, (t < start || t > end) ? end - start : t - start);
    }
  }
  Instr sentinel;
  sentinel.op = static_cast<Op>(kEndOpcode);
  unit.ops.push_back(sentinel);
  unit.ops.resize(2 * unit.span);
  std::copy_n(unit.ops.begin(), unit.span, unit.ops.begin() + static_cast<std::ptrdiff_t>(unit.span));
  if (quicken) quick::quicken(unit.original(), n, unit.ops.data());
  if (n == 1 && unit.ops[0].op == Op::Spaceship) unit.native_order = NativeOrder::Numeric;
  if (n == 1 && unit.ops[0].op == Op::StrCmp) unit.native_order = NativeOrder::Text;
  return unit;
}

}  // namespace

void VM::Impl::build_units() {
  const std::vector<Instr>& ops = chunk_.ops;
  // A chunk's main unit keeps targets past its end: they end the run (clamped to the sentinel).
  units_.clear();
  units_quickened_ = quicken_;
  units_.push_back(make_unit(ops, 0, ops.size(), quicken_));
  for (const BlockRange& r : chunk_.block_ranges) {
    if (r.start <= r.end && r.end <= ops.size())
      units_.push_back(make_unit(ops, r.start, r.end, quicken_));
    else
      units_.push_back(make_unit(ops, 0, 0, quicken_));  // invalid (the verifier rejects it): empty
  }
}

void VM::Impl::prepare() {
  const std::vector<Instr>& ops = chunk_.ops;
  build_units();

  // Pools padded so that every operand indexes something.
  size_t const_count = chunk_.constants.size();
  size_t name_count = chunk_.names.size();
  size_t func_count = chunk_.names.size();
  for (const Instr& ins : ops) {
    for (size_t i = 0; i < ins.operand_count(); ++i) {
      const size_t v = static_cast<size_t>(ins.raw(i));
      switch (ins.operand_kind(i)) {
        case OperandKind::Const: const_count = std::max(const_count, v + 1); break;
        case OperandKind::Name: name_count = std::max(name_count, v + 1); break;
        case OperandKind::Func: func_count = std::max(func_count, v + 1); break;
        default: break;
      }
    }
  }
  // Constants are deep-copied: a VM shares no heap object with the chunk it was given, so the
  // chunk may be used from other threads while this VM runs (value.h).
  consts_.clear();
  consts_.reserve(const_count);
  for (const Value& v : chunk_.constants) consts_.push_back(v.deep_copy());
  consts_.resize(const_count);
  global_count_ = name_count;

  for (const SubEntry& e : chunk_.sub_entries) func_count = std::max<size_t>(func_count, e.name + 1u);
  sub_entry_.assign(func_count, -1);
  for (const SubEntry& e : chunk_.sub_entries) {
    // The first entry for a name wins; an entry past the end ends the run when called.
    if (sub_entry_[e.name] < 0) sub_entry_[e.name] = static_cast<int64_t>(std::min<uint64_t>(e.ip, ops.size()));
  }
  sub_by_name_.clear();
  for (size_t i = 0; i < chunk_.names.size(); ++i)
    sub_by_name_.try_emplace(chunk_.names[i], sub_entry_[i]);
}

}  // namespace fusevm
