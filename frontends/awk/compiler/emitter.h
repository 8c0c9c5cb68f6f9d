// Emitter: appends instructions to a ChunkBuilder while tracking the static stack depth, with
// forward and backward labels and a stack of temporary slots.
//
// The depth is what `next` and `exit` need when they unwind out of the middle of an expression
// at the top level (there is no frame to drop there, so the values left on the stack are popped
// one by one). Each label remembers the depth its first jump had, and binding it restores that
// depth, since code after an unconditional jump is reached only through its labels.
#pragma once

#include <cstdint>
#include <vector>

#include "awk/runtime/awk_runtime.h"
#include "fusevm/builder.h"

namespace fusevm::awkfront {

struct Label {
  size_t pos = SIZE_MAX;          ///< bound position, or SIZE_MAX
  std::vector<size_t> patches;    ///< jumps waiting for the position
  int64_t depth = -1;             ///< stack depth at the jumps (-1: none yet)
};

class Emitter {
 public:
  explicit Emitter(ChunkBuilder& builder) : b_(builder) {}

  /// Appends an op (its stack effect from the op table; Call counts as pushing its result).
  size_t emit(Instr ins);
  /// Appends one of the frontend's ops.
  size_t ext(AwkExt op, uint64_t payload = 0);
  /// A jump (Jump, JumpIfFalse, JumpIfTrue) to `label`.
  void jump(Op op, Label& label);
  void bind(Label& label);

  void set_line(uint32_t line) noexcept { line_ = line; }
  uint32_t line() const noexcept { return line_; }
  int64_t depth() const noexcept { return depth_; }
  void set_depth(int64_t d) noexcept { depth_ = d; }
  size_t pos() const noexcept { return b_.current_pos(); }
  ChunkBuilder& builder() noexcept { return b_; }

  /// Temporary slots above `base` (the variables' slots), released in reverse order.
  void reset_temps(uint16_t base) noexcept {
    next_temp_ = base;
  }
  uint16_t temp();
  void release(uint16_t slot);
  uint16_t high_water() const noexcept { return high_water_; }

 private:
  ChunkBuilder& b_;
  uint32_t line_ = 0;
  int64_t depth_ = 0;
  uint16_t next_temp_ = 0;
  uint16_t high_water_ = 0;
};

}  // namespace fusevm::awkfront
