// The trace recorder: watches the interpreter run one iteration of a hot loop and keeps the ops
// it executes, from the loop header (the anchor) back to it.
//
// The interpreter calls step() before each op while a recording is in progress (it then runs
// its tracing dispatch loop, on the unquickened code). The recorder never changes what the
// interpreter does; it only decides whether the recording goes on, is complete (the next op is
// the anchor again, in the loop's frame, reached by the jump just recorded) or is abandoned:
// an op the trace tier does not compile, a block op, calls nested deeper than the inlining
// limit, a return out of the loop's frame, or more than the configured number of ops.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fusevm/chunk.h"
#include "jit/trace/ir.h"

namespace fusevm::jit::trace {

class Recorder {
 public:
  enum class Verdict : uint8_t { Continue, Closed, Aborted };

  Recorder(const Chunk& chunk, uint64_t anchor, size_t frame_depth, std::vector<SlotKind> slot_kinds,
           uint32_t max_length, uint32_t max_inline_depth);

  /// The interpreter is about to run op `ip` of code unit `unit` with `frame_depth` frames.
  Verdict step(uint32_t unit, uint64_t ip, size_t frame_depth);

  /// The element the ArrayGet just recorded is about to read has this kind.
  void observe(SlotKind kind) { recording_.observed.push_back(kind); }

  uint64_t anchor() const noexcept { return recording_.anchor; }
  Recording& recording() noexcept { return recording_; }
  const std::string& abort_reason() const noexcept { return why_; }

 private:
  Verdict abort(std::string why);

  const Chunk& chunk_;
  Recording recording_;
  size_t base_depth_;
  uint32_t max_length_;
  uint32_t max_inline_depth_;
  std::string why_;
};

}  // namespace fusevm::jit::trace
