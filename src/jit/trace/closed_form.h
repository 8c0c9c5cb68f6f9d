// Closed-form loops: a peeled loop whose body only counts and accumulates integers is skipped
// over in one step on entry (what C compilers call final value replacement).
//
// The loop must be an integer counter `i` stepping by a constant, tested against a bound that
// does not change (`i + d < B`, `<=`, `>`, `>=`), with every other loop-carried value updated as
// `v = v + a + b*i` — `a` built from constants and values the loop does not change, `b` a
// constant — and nothing else in the body but that one guard and the back edge's check. Then k
// iterations add k*a + b*(k*i + step*k*(k-1)/2) to v (all arithmetic wrapping, as the ops'),
// and the interpreter's state after them is known without running them.
//
// The code generator places the skip between the pre-roll and the loop body: it asks
// loop_skip_count() how many iterations may be skipped — all the remaining ones, or fewer when
// the fuel check at a back edge would stop the loop earlier — advances every loop-carried value
// and the op count by that many, and enters the body, which then ends the loop by its own guard
// (or the fuel check) exactly where running every iteration would have. So exits, op counts and
// fuel errors are the interpreter's, bit for bit.
#pragma once

#include <cstdint>
#include <vector>

#include "jit/trace/ir.h"

namespace fusevm::jit::trace {

/// Sets ir.closed_form when the loop body has the shape above (otherwise leaves it empty).
void find_closed_form(TraceIr& ir);

/// The operands of loop_skip_count(), in the order native code stores them.
struct LoopSkipInput {
  int64_t counter, offset, bound, step;
  uint64_t test;   ///< a LoopTest
  uint64_t count;  ///< the op count when the body is about to start
  uint64_t limit;  ///< the back edge's check leaves when the count is at or above this
  uint64_t ops;    ///< ops per iteration
};

/// How many iterations of the body can be skipped: those the guard lets run, but none that the
/// back edge's fuel check would not reach, and none at all when some `counter + offset` on the
/// way would not fit in an Int (the comparison would see a wrapped value). 0 means run normally.
uint64_t loop_skip_count(const LoopSkipInput& in);

}  // namespace fusevm::jit::trace
