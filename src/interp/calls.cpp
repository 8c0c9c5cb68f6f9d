// Entering subs: the Call frame, its slot window, the call-depth limit.
#include "interp.h"

namespace fusevm {

bool VM::Impl::enter_sub(uint64_t entry, size_t argc) {
  if (frames_.size() >= limits_.max_call_depth) {
    raise(ErrorCode::CallDepthExceeded, "call depth limit exceeded (" +
                                            std::to_string(limits_.max_call_depth) +
                                            " frames, VMLimits::max_call_depth)");
    return false;
  }
  Frame call;
  call.kind = FrameKind::Call;
  call.return_unit = unit_;
  call.return_ip = ip_ + 1;
  call.stack_base = sp_ - argc;  // the arguments stay on the stack, last one on top
  call.slot_base = slots_.size();
  frames_.push_back(call);
  slots_.resize(slots_.size() + slot_count_);
  unit_ = 0;
  ip_ = entry;
  return true;
}

}  // namespace fusevm
