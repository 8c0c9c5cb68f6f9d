// Emitter: instructions, stack depth, labels and temporary slots.
#include "awk/compiler/emitter.h"

#include <stdexcept>

namespace fusevm::awkfront {

size_t Emitter::emit(Instr ins) {
  const size_t at = b_.emit(ins, line_);
  if (ins.op == Op::ExtendedWide) {
    const auto id = static_cast<uint16_t>(ins.integer(0));
    const ExtStackEffect e = ext_stack_effect(static_cast<AwkExt>(id - kAwkExtBase), ins.raw(1));
    depth_ += static_cast<int64_t>(e.pushes) - static_cast<int64_t>(e.pops);
  } else {
    const StackEffect e = stack_effect(ins);
    depth_ -= e.pops;
    depth_ += ins.op == Op::Call ? 1 : e.pushes_max;
  }
  return at;
}

size_t Emitter::ext(AwkExt op, uint64_t payload) { return emit(ins::ExtendedWide(awk_ext_id(op), payload)); }

void Emitter::jump(Op op, Label& label) {
  Instr ins(op);
  ins.set_raw(0, label.pos == SIZE_MAX ? 0 : label.pos);
  const size_t at = emit(ins);
  if (label.pos == SIZE_MAX) label.patches.push_back(at);
  if (label.depth < 0) label.depth = depth_;
}

void Emitter::bind(Label& label) {
  label.pos = b_.current_pos();
  for (size_t at : label.patches) b_.patch_jump(at, label.pos);
  label.patches.clear();
  if (label.depth >= 0) depth_ = label.depth;
  label.depth = depth_;
}

uint16_t Emitter::temp() {
  if (next_temp_ == UINT16_MAX) throw std::length_error("too many temporary slots");
  const uint16_t slot = next_temp_++;
  if (next_temp_ > high_water_) high_water_ = next_temp_;
  return slot;
}

void Emitter::release(uint16_t slot) {
  // Temporaries are released innermost first; anything else is a compiler bug.
  if (slot + 1 != next_temp_) throw std::logic_error("temporary slots released out of order");
  next_temp_ = slot;
}

}  // namespace fusevm::awkfront
