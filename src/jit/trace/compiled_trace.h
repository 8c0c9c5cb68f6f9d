// A compiled trace: its machine code, and the IR the VM needs to take its exits (the snapshots
// and the types of their values) and to check its entry (the slot kinds it was built for).
// Immutable once built; shared process-wide by every VM running the same chunk.
#pragma once

#include <memory>
#include <string>

#include "jit/runtime/context.h"
#include "jit/runtime/exec_memory.h"
#include "jit/trace/ir.h"

namespace fusevm::jit::trace {

struct CompiledTrace {
  std::unique_ptr<ExecMemory> memory;
  NativeFn fn = nullptr;
  TraceIr ir;                  ///< optimised; snapshots index ctx->trace_values
  Recording recording;         ///< what it was built from (TraceMetadata)
  std::vector<SideRecording> sides;  ///< and the side traces grown into it
  uint64_t chunk_hash = 0;
  uint64_t compile_ns = 0;
  uint32_t max_snapshot_values = 0;  ///< the most values one exit writes
  /// --dump-trace: the IR before and after optimisation and the machine code.
  std::string ir_before, ir_after, listing;
};

}  // namespace fusevm::jit::trace
