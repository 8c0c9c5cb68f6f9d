// Automatic fusion: a peephole pass that rewrites op sequences into fused superinstructions where
// they are provably equivalent (include/fusevm/fuse.def lists every rewrite and its
// preconditions), so a frontend gets the fused ops' speed without emitting them itself.
//
// A rewrite happens only when the sequence matches, its preconditions hold (slot types are proved
// by a forward type analysis over the chunk's control flow), and no jump, sub entry or block
// boundary lands inside the sequence. Jump targets, sub entries and block ranges are remapped;
// the fused op takes the line of the sequence's first op. ChunkBuilder::build() runs the pass by
// default; chunks loaded from files are fused only when asked (`fusevm run --fuse`).
#pragma once

#include <array>
#include <cstddef>

#include "fusevm/chunk.h"

namespace fusevm {

/// What one fusion pass did.
struct FuseReport {
  size_t rewrites = 0;                       ///< sequences replaced, all kinds together
  std::array<size_t, kOpCount> by_op{};      ///< rewrites per fused op
};

/// Returns the chunk with its fusable sequences (and its sub-chunks') rewritten; the content hash
/// is recomputed. A chunk with nothing to fuse comes back unchanged.
Chunk fuse_chunk(Chunk chunk, FuseReport* report = nullptr);

}  // namespace fusevm
