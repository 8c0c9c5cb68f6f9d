// The symbolic executor behind build_trace() and side paths: runs recorded ops over IR values
// instead of Values, emitting IR through an IrEmitter.
//
// A run starts either at the loop header with the slots as the anchor found them (the main
// path), or — seeded — at a hot exit of a trace already built, with the state its snapshot
// describes: the slot values, the stack and the inlined frames the exit would have rebuilt in
// the interpreter (a side path, side.cpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "jit/trace/build.h"
#include "jit/trace/emit.h"

namespace fusevm::jit::trace {

/// Where a seeded run starts: an exit of the trace being extended.
struct PathSeed {
  const Snapshot* snap = nullptr;
  std::vector<Ref> loaded;     ///< per slot: its entry load dominating the exit (kNoRef: none)
  uint32_t ops_base = 0;       ///< ops of the iteration before the exit's resume ip
  uint64_t loop_last_ip = 0;   ///< the main path's closing jump (for telling loop exits apart)
};

struct InlineFrame {
  uint64_t return_ip = 0;
  uint32_t stack_base = 0;
  std::vector<Ref> slots;  // kNoRef: still Undef
};

class PathBuilder {
 public:
  /// `emitter` emits into `ir`; `preload` loads every slot the path touches before a Loop marker.
  PathBuilder(const TraceSource& src, const PassFlags& flags, TraceIr& ir, IrEmitter& emitter, bool preload)
      : src_(src), flags_(flags), ir_(ir), em_(emitter), preload_(preload) {}

  /// Starts the run at `seed`'s exit instead of the loop header.
  void seed(PathSeed seed);

  /// Runs the recording; false with `error` when it cannot be a trace.
  bool run(std::string& error);

  /// Each loop-frame slot the path writes, with its value at the end (slot order).
  std::vector<std::pair<uint16_t, Ref>> end_state() const;
  const std::vector<Ref>& slot_at_start() const { return loaded_; }
  /// A loop-frame slot's value at the end of the run (loading it if the path never touched it).
  Ref slot_value(uint32_t s) { return get_slot(s); }
  bool wrote(uint32_t s) const { return s < current_.size() && current_[s] != kNoRef; }
  /// A snapshot of the current state (the run must have ended: no frames, no stack).
  uint32_t snapshot(uint64_t resume_ip, uint32_t ops, bool check_limits);
  IrEmitter& emitter() { return em_; }

 private:
  bool fail(std::string why);
  bool step(const Instr& ins, uint64_t next);
  Ref pop() {
    const Ref r = stack_.back();
    stack_.pop_back();
    return r;
  }
  // At least n values in the current frame (the loop's own stack starts empty at the anchor).
  bool need(size_t n);
  Ref get_slot(uint32_t s);
  void set_slot(uint32_t s, Ref v);
  bool branch(Ref cond, bool jump_when, uint64_t target, uint64_t next);
  Ref arith(Op op, Ref a, Ref b);
  Ref compare(Op op, Ref a, Ref b);
  bool array_get(uint16_t global);
  bool array_set(uint16_t global);
  /// Records that the tree pushes onto (or accesses the elements of) `global`'s array; false
  /// when it also does the other.
  bool note_array(uint16_t global, bool push);
  /// Guards for an element access; the elements' address (kNoRef: failed).
  Ref element_address(uint16_t global, Ref index, bool write, uint32_t snap);
  SlotKind kind_at_entry(uint32_t s) const {
    return s < src_.recording.slot_kinds.size() ? src_.recording.slot_kinds[s] : SlotKind::Undef;
  }
  void note_stack() { ir_.max_stack = std::max<uint32_t>(ir_.max_stack, static_cast<uint32_t>(stack_.size())); }
  bool start(std::string& error);

  const TraceSource& src_;
  PassFlags flags_;
  TraceIr& ir_;
  IrEmitter& em_;
  bool preload_;
  bool seeded_ = false;
  PathSeed seed_;
  std::vector<Ref> stack_;
  std::vector<InlineFrame> frames_;  // inlined calls, outermost first
  std::vector<Ref> loaded_;          // loop-frame slot -> its value at entry (kNoRef: not read yet)
  std::vector<Ref> current_;         // loop-frame slot -> its value now, when written
  std::vector<uint8_t> written_ever_;  // slots the whole iteration writes (preload mode)
  size_t index_ = 0;
  size_t observed_at_ = 0;  // the next recorded element kind (ArrayGet)
  uint64_t ip_ = 0;
  uint64_t last_ip_ = 0;  // the closing jump
  std::string error_;
};

}  // namespace fusevm::jit::trace
