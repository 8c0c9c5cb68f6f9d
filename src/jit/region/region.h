// Regions: the code one native function covers, as a control-flow graph of basic blocks.
//
// A region starts at an entry (the chunk's first op, a sub's entry, or a loop header) and holds
// every op reachable from it through ops the tier compiles. An op it does not compile stops the
// path there: the block ends just before it and the native code exits to the interpreter at it.
// Jumps to the end of the chunk (or past it, which the interpreter treats the same) go to the
// pseudo-block kEnd, an exit at ops.size(), where the interpreter finishes the run.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "fusevm/chunk.h"

namespace fusevm::jit {

inline constexpr uint32_t kEnd = UINT32_MAX;  // the pseudo-block "end of the chunk"

enum class BlockEnd : uint8_t {
  Fallthrough,  ///< runs into the next block (`next`)
  Jump,         ///< unconditional jump to `target`
  Branch,       ///< its last op may go to `target` or fall through to `next`
  Return,       ///< its last op is Return or ReturnValue
  Stop,         ///< stops before op `end`, which the interpreter runs (an exit)
};

struct Block {
  uint32_t start = 0;  ///< first op
  uint32_t end = 0;    ///< one past the last op compiled in this block
  BlockEnd kind = BlockEnd::Stop;
  uint32_t target = kEnd;  ///< Jump/Branch: the target block
  uint32_t next = kEnd;    ///< Fallthrough/Branch: the block after
  uint32_t loop_depth = 0; ///< how many loops contain it (for register priorities)
};

struct Region {
  uint64_t entry = 0;
  uint32_t entry_block = 0;
  std::vector<Block> blocks;     ///< in op order
  std::vector<uint16_t> slots;   ///< the slots its ops name, ascending (dense index = position)
  size_t op_count = 0;           ///< ops compiled
  bool straight_line = true;     ///< no jumps, branches, calls or returns

  /// The dense index of a slot (it must be one of `slots`).
  uint32_t slot_index(uint16_t slot) const;
};

/// Whether a tier compiles this instruction at all (types decide the rest later).
using CompilablePredicate = std::function<bool(const Instr&)>;

/// Builds the region of `chunk` that starts at `entry`, with at most `max_ops` ops (paths beyond
/// stop at the frontier). `entry` must be below ops.size().
Region build_region(const Chunk& chunk, uint64_t entry, size_t max_ops,
                    const CompilablePredicate& compilable);

/// True for the ops that end a basic block by transferring control (jumps, branches, returns).
bool is_control_op(Op op);
/// The jump target operand of a control op (kEnd-clamped targets are returned as is).
uint64_t jump_target(const Instr& ins);

}  // namespace fusevm::jit
