// From a recording to optimised trace IR.
//
// build_trace() runs the recorded ops symbolically — each op by the interpreter's rule for the
// kinds its operands have, which the kinds of the slots at the anchor determine — emitting IR
// through the IrEmitter (folding, CSE, guard elimination), with a guard wherever the recorded
// path depended on a value (a branch direction, a nonzero divisor) and a snapshot for each.
// Calls are inlined; their frames appear in snapshots. Loop peeling (peel.cpp) then turns the
// iteration into a pre-roll and a loop body.
//
// Side paths (side.h) are attached after the loop, in order, each from the exit it grew from:
// the result is a trace tree, compiled as one function.
//
// A recording that cannot become a loop — an op outside the traced subset, a heap value read,
// a loop whose slot kinds change from one iteration to the next, values left on the stack —
// is refused with a reason (the VM logs it and counts an abort).
#pragma once

#include <string>
#include <vector>

#include "fusevm/status.h"
#include "jit/trace/ir.h"

namespace fusevm::jit::trace {

struct TraceSource {
  const Chunk* chunk = nullptr;
  const std::vector<int64_t>* sub_entry = nullptr;  ///< name index -> entry ip (-1: none)
  uint32_t slot_count = 0;                          ///< slots of every frame
  Recording recording;
  std::vector<SideRecording> sides;  ///< side paths grown from its exits, in the order they grew
};

/// Limits a trace must stay within (the snapshot format and the recorder's rules).
inline constexpr uint32_t kMaxInlineDepth = 4;
inline constexpr uint32_t kMaxTraceStack = 64;

/// True for the ops a trace can contain (the recorder aborts at any other).
bool trace_op_supported(Op op);

/// The trace tree: the recorded loop, peeled, with `source.sides` attached.
Result<TraceIr> build_trace(const TraceSource& source, const PassFlags& flags);

}  // namespace fusevm::jit::trace
