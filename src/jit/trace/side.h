// Side paths: growing a trace into a trace tree.
//
// When one exit of a trace is taken often, the VM records what the interpreter does from that
// exit back to the loop header (a SideRecording). attach_side() runs that recording
// symbolically, starting from the state the exit's snapshot describes — the guard's values are
// still in registers there — and appends it to the IR after the loop: the guard now branches
// to the side path instead of leaving. At the header the side path rejoins the loop body,
// handing each loop-carried register its new value, when the loop's assumptions hold at that
// point (every slot the loop keeps in a register has a value of the same type, and no other
// slot was written); otherwise it ends in an Exit at the header, and the VM enters the trace
// again straight away. Side paths may grow from side paths, up to kMaxSideDepth deep.
#pragma once

#include "fusevm/status.h"
#include "jit/trace/build.h"

namespace fusevm::jit::trace {

/// Appends `side` to the tree in `ir` (built from `source`), or says why it cannot be.
Status attach_side(TraceIr& ir, const TraceSource& source, const SideRecording& side, const PassFlags& flags);

/// Sets Snapshot::side_ok on every exit a side path may grow from (a branch guard of the
/// loop body or of a side path, leading back into the loop, with no side path yet).
void mark_side_exits(TraceIr& ir);

}  // namespace fusevm::jit::trace
