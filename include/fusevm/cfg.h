// The control-flow graph of a chunk: its basic blocks, the edges between them, and the routine
// (top level, sub, block body) each block belongs to. Built for people and tools — `fusevm dis
// --dot` draws it with Graphviz — not used by the VM, whose tiers keep their own analyses.
//
// The graph follows the interpreter's rules: a jump target past the last op ends the run; a block
// body (MapBlock, GrepBlock, SortBlock, ForEachBlock) runs as its own code unit, where leaving the
// range [start, end) finishes the block; a sub is entered at its first SubEntry by name. It is
// computed for any chunk, verified or not: indices that point nowhere give no edge.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "fusevm/chunk.h"

namespace fusevm {

/// Why control goes from one basic block to another.
enum class CfgEdgeKind : uint8_t {
  Fallthrough,  ///< to the next op: after an ordinary op, or a conditional branch not taken
  Taken,        ///< a conditional branch taken
  Jump,         ///< an unconditional jump
  Call,         ///< Call (or CallFunction without a shell host) enters a sub of this chunk; the
                ///< caller's block carries on after it returns
  BlockBody,    ///< a block op runs the body of its block range once per element
};

/// The `to` of an edge that leaves the routine's code: the end of the run (a target at or past
/// the end of the chunk), or the end of a block body.
inline constexpr uint32_t kCfgExit = std::numeric_limits<uint32_t>::max();

/// One edge, leaving its block at op `ip`.
struct CfgEdge {
  CfgEdgeKind kind = CfgEdgeKind::Fallthrough;
  uint32_t to = kCfgExit;  ///< index into ControlFlowGraph::blocks, or kCfgExit
  uint64_t ip = 0;         ///< the op the edge leaves from (the block's last op, or a call inside it)
};

/// What a routine is.
enum class CfgRoutineKind : uint8_t {
  Main,         ///< the code entered at op 0
  Sub,          ///< a sub, entered by Call
  BlockBody,    ///< the body of a block range, run by a block op
  Unreachable,  ///< blocks no entry reaches
};

/// A group of blocks drawn together: everything reachable from one entry that no earlier routine
/// claimed (routines are claimed in order: main, subs in sub_entries order, block bodies).
struct CfgRoutine {
  CfgRoutineKind kind = CfgRoutineKind::Main;
  uint64_t entry = 0;            ///< first op (0 for Main and Unreachable)
  std::vector<uint16_t> names;   ///< Sub: name-pool indices of every name entering here
  uint32_t block_range = 0;      ///< BlockBody: index into Chunk::block_ranges
  std::vector<uint32_t> blocks;  ///< its basic blocks, in op order
};

/// A basic block: ops [start, end), entered only at start, left only after its last op.
struct CfgBlock {
  uint64_t start = 0;
  uint64_t end = 0;
  uint32_t routine = 0;  ///< index into ControlFlowGraph::routines
  std::vector<CfgEdge> edges;
};

/// The whole graph of one chunk (sub-chunks are separate chunks: build theirs separately).
struct ControlFlowGraph {
  std::vector<CfgBlock> blocks;      ///< in op order; together they cover every op once
  std::vector<CfgRoutine> routines;  ///< Main first (always present), Unreachable last if any
  /// The block holding op `ip`, or kCfgExit when ip is past the last op.
  uint32_t block_at(uint64_t ip) const noexcept;
};

/// Splits a chunk's ops into basic blocks and connects them.
ControlFlowGraph build_cfg(const Chunk& chunk);

/// The chunk's control-flow graph in Graphviz DOT: one box per basic block listing its ops as
/// `fusevm dis` prints them, a cluster per routine, solid edges for control flow (taken branches
/// labelled), dashed ones for calls and block bodies, and each sub-chunk as a nested cluster.
/// Render it with `dot -Tsvg`.
std::string cfg_to_dot(const Chunk& chunk);

}  // namespace fusevm
