// Loop peeling, which is how the trace tier moves invariant code out of loops (LICM) and keeps
// loop-carried values unboxed in registers.
//
// The recorded iteration becomes the pre-roll; a copy of it follows a Loop marker, each
// instruction's operands replaced by what they stand for one iteration later. The copy goes
// through the IrEmitter, so an instruction whose operands did not change is found in the
// pre-roll (CSE) and not emitted again: it runs once, before the loop. A pre-roll value the
// loop body still refers to but that the body recomputes gets a Phi: at the back edge its
// register takes the new value. Guards of the body on unchanged values are dropped for the
// same reason (the pre-roll checked them). dead_code() then removes what nothing uses.
#pragma once

#include <utility>
#include <vector>

#include "fusevm/status.h"
#include "jit/trace/ir.h"

namespace fusevm::jit::trace {

/// `ir` is one iteration; `end` each written loop-frame slot with its value at the iteration's
/// end; `back_snap` the snapshot at the back edge.
Result<TraceIr> peel_loop(TraceIr ir, const std::vector<std::pair<uint16_t, Ref>>& end, uint32_t back_snap,
                          const PassFlags& flags);

/// Turns pure instructions nothing depends on into Nops.
void dead_code(TraceIr& ir);

}  // namespace fusevm::jit::trace
