// The x86-64 code generator for one function of a unit: the walker's emitter (walk.h) plus the
// function's frame, blocks, edges and exits.
//
// Register plan (System V):
//   r15  the JitContext            r14  this frame's slot window     r13  this frame's stack base
//   rbp  the executed-op counter   rax rcx rdx xmm0 xmm1  scratch, never hold a value across ops
//   rbx r12 rsi rdi r8-r11 / xmm2-xmm15  allocatable: slot homes first (by use, weighted by
//                                   loop depth), the rest for temporaries
// A slot that is Bool or Int lives in its GPR home, a Float slot in its XMM home; homes that did
// not get a register are 8-byte spill cells in the native frame. Values on the abstract stack are
// lazy where possible (a constant, a reference to a slot's home) and otherwise in a temporary
// register or, as a proper Value, at their own position in the VM stack (which is also where
// every value is at a block boundary).
//
// Control leaving the function (an exit to the interpreter) is an out-of-line stub that writes
// the state as it was before the op back to the VM; stubs are emitted after the blocks.
#pragma once

#include <asmjit/x86.h>

#include <functional>
#include <vector>

#include "jit/region/unit.h"
#include "jit/region/walk.h"

namespace fusevm::jit::x64 {

namespace ax = asmjit::x86;

/// Shared by all functions of a unit: their labels (what native calls call) and the constant pool.
struct UnitContext {
  asmjit::x86::Assembler* as = nullptr;
  Unit* unit = nullptr;
  std::vector<asmjit::Label> function_labels;
  std::vector<std::pair<uint64_t, asmjit::Label>> constants;  // 8-byte constants, emitted last
  asmjit::Label constant(uint64_t bits);
  /// Native calls write no interpreter frames (see jit/runtime/context.h).
  bool lazy_frames = false;
  /// Set by a function that cannot work with lazy frames: the unit is generated again without.
  bool lazy_refused = false;
};

/// The unit's entry from C++: saves the registers the C calling convention keeps, calls the
/// first function (functions save none: see FunctionEmitter::prologue) and restores them. With
/// lazy frames it also hands the first function where the frame and slot stacks end and, when
/// that function is a sub entered by the interpreter's Call, pops the Call frame after it
/// returns (its own returns do not, as they cannot tell that call from a native one).
void emit_entry_thunk(ax::Assembler& as, const asmjit::Label& entry, const asmjit::Label& first_function,
                      const UnitContext& uc);

enum class Loc : uint8_t { Const, Slot, Reg, Mem, Cond };

/// One abstract stack entry.
struct Entry {
  Loc loc = Loc::Mem;
  TypeSet type = kNone;
  uint8_t reg = 0;       // Reg: register id (GPR for Bool/Int, XMM for Float)
  uint32_t slot = 0;     // Slot: dense slot index
  uint64_t bits = 0;     // Const: payload bits
  ax::CondCode cc = ax::CondCode::kE;  // Cond: the flags say "true" under this condition
};

/// Where a slot's value is.
struct SlotRep {
  TypeSet type = kUndef;
  bool in_home = false;  // true: in its home (type is Bool, Int or Float); false: VM memory
};

/// A slot home: a register, or an 8-byte cell of the native frame.
struct Home {
  bool in_reg = false;
  uint8_t reg = 0;
  int32_t spill = 0;  // offset from rsp
};

class FunctionEmitter {
 public:
  FunctionEmitter(UnitContext& uc, size_t index);

  /// Emits the whole function at its label. False (with `error`) if it cannot be compiled.
  bool emit(std::string& error);

  // ── The walker's emitter interface (walk.h) ──
  const Region& region() const { return f_.region; }
  size_t depth() const { return stack_.size(); }
  TypeSet type(size_t k) const { return stack_[stack_.size() - 1 - k].type; }
  TypeSet slot_type(uint32_t d) const { return slots_[d].type; }
  bool narrow(size_t k);
  bool narrow_slot(uint32_t d);
  void push_const(TypeSet t, uint64_t bits);
  void drop(size_t n);
  void dup(size_t k);
  void swap();
  void rot();
  void get_slot(uint32_t d);
  void set_slot(uint32_t d);
  void unary(Op op, TypeSet out);
  void binary(Op op, TypeSet out);
  void slot_update(Op op, uint32_t d);
  void add_assign_slot(uint32_t a, uint32_t b);
  void accum_sum(uint32_t s, uint32_t i, int32_t limit);
  void jump(const Instr& ins);
  void branch(const Instr& ins, uint32_t d);
  void call(const Function& callee, size_t index, size_t argc);
  void ret(bool with_value);
  void native_op(const NativeOpSpec& spec, uint32_t import);

 private:
  struct Snapshot {
    std::vector<Entry> stack;
    std::vector<SlotRep> slots;
  };
  struct ExitStub {
    asmjit::Label label;
    uint64_t ip = 0;
    int32_t count_adjust = 0;  // executed = rbp + this
    uint32_t flags = 0;
    Snapshot state;
  };

  // Layout and frame.
  void plan_homes();
  void prologue();
  void epilogue();
  // Blocks and edges.
  void emit_block(uint32_t b);
  void begin_op(uint32_t ip);
  void load_block_state(uint32_t b);
  void edge_to(uint32_t target, bool taken_jump, bool backward, bool inline_fallthrough = false);
  void transition(const Snapshot& from, uint32_t target);
  // Exits.
  asmjit::Label exit_here(uint32_t flags = 0);   // the current op, state before it
  asmjit::Label exit_at(uint64_t ip, int32_t adjust, uint32_t flags);  // with the current state
  asmjit::Label limit_exit(uint32_t target);     // after a taken jump to a block (check pending)
  void emit_exit_stub(const ExitStub& stub);
  void emit_deferred();

  // Values.
  Entry& top(size_t k = 0) { return stack_[stack_.size() - 1 - k]; }
  ax::Gp gpr_temp(uint32_t pinned = 0);
  ax::Xmm xmm_temp(uint32_t pinned = 0);
  void free_entry(const Entry& e);
  void spill_one(bool xmm, uint32_t pinned);
  ax::Mem stack_mem(size_t pos, int32_t field = 0) const;
  size_t position_of(const Entry& e);
  ax::Mem slot_mem(uint32_t d, int32_t field = 0) const;
  ax::Mem spill_mem(int32_t off) const;
  /// A register holding to_int(e) / to_float(e) for reading: the entry's own register or its
  /// slot's home when it has one, else a temporary (temp = true) that release() frees.
  struct GpView {
    ax::Gp r;
    bool temp = false;
  };
  struct XmmView {
    ax::Xmm r;
    bool temp = false;
  };
  GpView int_view(const Entry& e, uint32_t pinned = 0);
  XmmView float_view(const Entry& e, uint32_t pinned = 0);
  void release(const GpView& v);
  void release(const XmmView& v);
  /// A register the caller owns, holding to_int(e) / to_float(e) (the entry's own temporary is
  /// taken over when it has one: the entry must be dropped next).
  ax::Gp take_int(Entry& e, uint32_t pinned = 0);
  ax::Xmm take_float(Entry& e, uint32_t pinned = 0);
  /// The GPR / XMM registers an entry's value sits in, as a pin mask.
  uint32_t pin_gpr(const Entry& e) const;
  uint32_t pin_xmm(const Entry& e) const;
  /// Loads a Float entry's value into `dst`.
  void load_float(const Entry& e, ax::Xmm dst);
  void load_int(const Entry& e, ax::Gp dst);
  void float_to_int(ax::Xmm src, ax::Gp dst);  // to_int semantics: saturating, NaN -> 0
  /// Sets the flags for truthy(e) and returns the condition that means "true" (kNone-like
  /// special cases: returns false in `constant` when the truth is known at compile time).
  bool truth(const Entry& e, ax::CondCode& cc, bool& known, bool& value);
  void jump_if(const Entry& e, bool when, asmjit::Label to);
  /// dst = 1 if truthy(e) == when, else 0 (uses al and cl).
  void truth_to_gpr(const Entry& e, ax::Gp dst, bool when);
  void store_entry(const Entry& e, ax::Mem payload, ax::Mem tag);
  void materialize(size_t pos);
  void materialize_all();
  void spill_slot(uint32_t d);  // home -> VM memory, keeping it in its home
  void flush_slots_to_memory();  // every slot in VM memory (for calls)
  void detach_slot(uint32_t d);  // stack references to slot d become values of their own
  void ensure_home(uint32_t d);  // a single-kind slot in memory -> its home
  ax::Gp slot_gpr(uint32_t d);   // the slot's GPR home as a register (loading a spilled one into rax)
  void store_slot_gpr(uint32_t d, ax::Gp value);
  ax::Xmm slot_xmm(uint32_t d, ax::Xmm scratch);
  void store_slot_xmm(uint32_t d, ax::Xmm value);
  void push_reg(TypeSet t, uint32_t reg);
  void push_mem(TypeSet t);
  // Calls out.
  void call_lazy(const Function& callee, size_t index, size_t argc);
  void call_eager(const Function& callee, size_t index, size_t argc);
  void clear_slot_window(const ax::Gp& first);
  void write_call_frame(const ax::Gp& record, uint64_t return_ip, int32_t callee_pos, const ax::Gp& slot_base);
  void after_native_call(const Function& callee, size_t argc, const std::function<void()>& write_frame);
  void move_result_to_base(size_t top_pos);
  void save_live(uint32_t keep_gpr, uint32_t keep_xmm);
  void restore_live();
  void call_helper(uint32_t helper);
  void float_helper(uint32_t helper, size_t args);
  void reload_frame_pointers();
  void flush_count(uint32_t through_ip);
  void emit_idiv_remainder();
  int result_home_hint(const Entry& b) const;
  bool next_is_branch() const;

  UnitContext& uc_;
  ax::Assembler& a_;
  Unit& unit_;
  const Function& f_;
  size_t index_;
  const std::vector<Instr>& ops_;

  std::vector<Home> gpr_home_, xmm_home_;
  uint32_t gpr_free_ = 0, xmm_free_ = 0;        // temps not in use
  uint32_t gpr_temps_ = 0, xmm_temps_ = 0;      // registers available as temps at all
  uint32_t saved_gpr_ = 0, saved_xmm_ = 0;      // what save_live() saved
  int32_t frame_size_ = 0, base_off_ = 0, slot_base_off_ = 0, save_off_ = 0;
  int32_t frame_top_off_ = 0, slot_top_off_ = 0;  // lazy frames: where the next call's frame goes

  std::vector<asmjit::Label> block_labels_;
  std::vector<asmjit::Label> limit_labels_;     // per block, created on demand
  asmjit::Label epilogue_, end_exit_, end_limit_exit_, propagate_;
  std::vector<ExitStub> exits_;
  std::vector<std::function<void()>> deferred_;  // out-of-line code, emitted after the blocks

  // The walk state.
  const Block* block_ = nullptr;
  uint32_t next_emitted_ = kEnd;  // the block whose code follows the current block's
  uint32_t ip_ = 0;
  uint32_t flushed_ = 0;  // ops counted into rbp so far in this block (an op index)
  std::vector<Entry> stack_;
  std::vector<SlotRep> slots_;
  bool failed_ = false;
  std::string error_;
};

}  // namespace fusevm::jit::x64
