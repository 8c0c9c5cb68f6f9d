// The trace recorder (recorder.h).
#include "jit/trace/recorder.h"

#include <fmt/format.h>

#include "jit/trace/build.h"

namespace fusevm::jit::trace {

Recorder::Recorder(const Chunk& chunk, uint64_t anchor, size_t frame_depth, std::vector<SlotKind> slot_kinds,
                   uint32_t max_length, uint32_t max_inline_depth)
    : chunk_(chunk), base_depth_(frame_depth), max_length_(max_length), max_inline_depth_(max_inline_depth) {
  recording_.anchor = anchor;
  recording_.slot_kinds = std::move(slot_kinds);
}

Recorder::Verdict Recorder::abort(std::string why) {
  why_ = std::move(why);
  return Verdict::Aborted;
}

Recorder::Verdict Recorder::step(uint32_t unit, uint64_t ip, size_t frame_depth) {
  if (unit != 0) return abort("the loop runs a block op");
  if (frame_depth < base_depth_) return abort("the loop returns out of its frame");
  const size_t depth = frame_depth - base_depth_;
  if (ip >= chunk_.ops.size()) return abort("the loop runs to the end of the chunk");
  if (ip == recording_.anchor && depth == 0 && !recording_.ips.empty()) {
    const Instr& last = chunk_.ops[recording_.ips.back()];
    const OpInfo& info = op_info(last.op);
    const bool jumped = info.has(opflag::kJump) || info.has(opflag::kBranch);
    if (jumped && recording_.ips.back() >= ip) return Verdict::Closed;
    return abort("the loop header is reached other than by its back edge");
  }
  if (depth > max_inline_depth_) return abort(fmt::format("calls nest deeper than {}", max_inline_depth_));
  if (recording_.ips.size() >= max_length_) return abort(fmt::format("longer than {} ops", max_length_));
  const Op op = chunk_.ops[ip].op;
  if (!trace_op_supported(op)) return abort(fmt::format("{} is not traced", op_name(op)));
  recording_.ips.push_back(static_cast<uint32_t>(ip));
  return Verdict::Continue;
}

}  // namespace fusevm::jit::trace
