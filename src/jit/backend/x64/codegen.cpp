// The code generator's function structure: home planning, prologue and epilogue, blocks and the
// edges between them, exit stubs, native calls and returns — and generate_code(), which emits
// every function of a unit into one position-independent blob.
#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstdlib>

#include "interp/interp.h"
#include "jit/backend/backend.h"
#include "jit/backend/x64/assemble.h"
#include "jit/backend/x64/emitter.h"
#include "jit/backend/x64/registers.h"
#include "jit/jit_log.h"
#include "jit/runtime/context.h"

namespace fusevm::jit::x64 {

using asmjit::Imm;
using asmjit::Label;

FunctionEmitter::FunctionEmitter(UnitContext& uc, size_t index)
    : uc_(uc),
      a_(*uc.as),
      unit_(*uc.unit),
      f_(*uc.unit->functions[index]),
      index_(index),
      ops_(uc.unit->chunk->ops) {}

namespace {
namespace fl = flat_stack_layout;
constexpr int32_t kFrameSize = sizeof(Frame);
constexpr int32_t kFrameKind = offsetof(Frame, kind);
constexpr int32_t kFrameReturnUnit = offsetof(Frame, return_unit);
constexpr int32_t kFrameReturnIp = offsetof(Frame, return_ip);
constexpr int32_t kFrameStackBase = offsetof(Frame, stack_base);
constexpr int32_t kFrameSlotBase = offsetof(Frame, slot_base);
constexpr int32_t kFrameBlockRun = offsetof(Frame, block_run);
static_assert(sizeof(FrameKind) == 1, "native code writes the frame kind as a byte");

// rax = the frame stack, rcx = its size less one, r10 = its top record.
void emit_top_frame(ax::Assembler& a) {
  a.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::frames));
  a.mov(ax::rcx, ax::qword_ptr(ax::rax, fl::kSize));
  a.sub(ax::rcx, Imm(1));
  a.imul(ax::r10, ax::rcx, Imm(kFrameSize));
  a.add(ax::r10, ax::qword_ptr(ax::rax, fl::kData));
}

// Pops the Call frame emit_top_frame() found, as a return does: where the caller resumes goes to
// ctx, the frame's slot window (only scalars) and the frame go; eax = kReturned.
void emit_pop_call_frame(ax::Assembler& a) {
  a.mov(ax::r11, ax::qword_ptr(ax::r10, kFrameReturnIp));
  a.mov(ax::qword_ptr(kCtx, ctx_off::ret_ip), ax::r11);
  a.mov(ax::r11d, ax::dword_ptr(ax::r10, kFrameReturnUnit));
  a.mov(ax::dword_ptr(kCtx, ctx_off::ret_unit), ax::r11d);
  a.mov(ax::rdx, ax::qword_ptr(kCtx, ctx_off::slot_stack));
  a.mov(ax::r11, ax::qword_ptr(ax::r10, kFrameSlotBase));
  a.mov(ax::qword_ptr(ax::rdx, fl::kSize), ax::r11);
  a.mov(ax::qword_ptr(ax::rax, fl::kSize), ax::rcx);
  a.mov(ax::eax, Imm(static_cast<int32_t>(kReturned)));
}
}  // namespace

// ── Homes and frame ──

void FunctionEmitter::plan_homes() {
  const size_t n = f_.region.slots.size();
  gpr_home_.assign(n, Home{});
  xmm_home_.assign(n, Home{});
  // Which kinds each slot ever holds, and how often it is named (inner loops weigh more).
  std::vector<TypeSet> kinds(n, kNone);
  std::vector<uint64_t> weight(n, 0);
  for (size_t b = 0; b < f_.region.blocks.size(); ++b) {
    if (!f_.reached[b]) continue;
    const Block& block = f_.region.blocks[b];
    for (size_t d = 0; d < n; ++d) kinds[d] |= f_.block_in[b].slots[d];
    const uint64_t w = uint64_t{1} << (3 * std::min<uint32_t>(block.loop_depth, 6));
    for (uint32_t ip = block.start; ip < block.end; ++ip) {
      const Instr& ins = ops_[ip];
      for (size_t i = 0; i < ins.operand_count(); ++i)
        if (ins.operand_kind(i) == OperandKind::Slot) weight[f_.region.slot_index(static_cast<uint16_t>(ins.raw(i)))] += w;
    }
  }
  for (size_t d = 0; d < n; ++d) kinds[d] |= f_.slot_kinds.empty() ? kNone : f_.slot_kinds[d];
  std::vector<uint32_t> order(n);
  for (uint32_t d = 0; d < n; ++d) order[d] = d;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return weight[x] > weight[y]; });
  uint32_t gpr_used = 0, xmm_used = 0;
  uint32_t gpr_mask = 0, xmm_mask = 0;
  int32_t spill = 32;  // after the four words prologue() stores
  for (uint32_t d : order) {
    if (kinds[d] & (kInt | kBool)) {
      if (gpr_used < kMaxGprHomes) {
        gpr_home_[d] = Home{true, kGprOrder[gpr_used], 0};
        gpr_mask |= 1u << kGprOrder[gpr_used];
        ++gpr_used;
      } else {
        gpr_home_[d] = Home{false, 0, spill};
        spill += 8;
      }
    } else {
      gpr_home_[d] = Home{false, 0, spill};  // never used as Int/Bool: a cell costs nothing
      spill += 8;
    }
    if (kinds[d] & kFloat) {
      if (xmm_used < kMaxXmmHomes) {
        const uint8_t r = static_cast<uint8_t>(kXmmFirst + xmm_used);
        xmm_home_[d] = Home{true, r, 0};
        xmm_mask |= 1u << r;
        ++xmm_used;
      } else {
        xmm_home_[d] = Home{false, 0, spill};
        spill += 8;
      }
    } else {
      xmm_home_[d] = Home{false, 0, spill};
      spill += 8;
    }
  }
  gpr_temps_ = 0;
  for (uint8_t r : kGprOrder) gpr_temps_ |= 1u << r;
  gpr_temps_ &= ~gpr_mask;
  xmm_temps_ = 0;
  for (uint8_t r = kXmmFirst; r < kXmmEnd; ++r) xmm_temps_ |= 1u << r;
  xmm_temps_ &= ~xmm_mask;
  gpr_free_ = gpr_temps_;
  xmm_free_ = xmm_temps_;
  base_off_ = 0;
  slot_base_off_ = 8;
  frame_top_off_ = 16;
  slot_top_off_ = 24;
  save_off_ = spill;
  // Save area: 16 GPRs + 16 XMMs by register id, then 14 cells to stage extension arguments.
  int32_t size = save_off_ + 8 * (32 + 14);
  // Entered with rsp 8 past a 16-byte boundary (the return address): keep it aligned at calls.
  if ((size + 8) % 16 != 0) size += 8;
  frame_size_ = size;
}

namespace {
// The callee-saved registers of the C calling convention (native code uses all of them).
const ax::Gp kSaved[] = {ax::rbx, ax::rbp, ax::r12, ax::r13, ax::r14, ax::r15};
}  // namespace

// Functions call each other with every register caller-saved but one: a native call saves
// nothing, and the caller keeps nothing in registers across it (call() spills its slots' homes).
// Only the unit's entry (emit_entry_thunk) saves what the C caller expects to survive. The op
// count (kCount) goes into a call and comes back out in its register: through memory, it made a
// chain of store-to-load forwards through every call and return of a recursion.
void FunctionEmitter::prologue() {
  a_.bind(uc_.function_labels[index_]);
  a_.sub(ax::rsp, Imm(frame_size_));
  a_.mov(kCtx, ax::rdi);
  a_.mov(spill_mem(base_off_), ax::rsi);
  a_.mov(spill_mem(slot_base_off_), ax::rdx);
  if (uc_.lazy_frames) {
    a_.mov(spill_mem(frame_top_off_), ax::rcx);
    a_.mov(spill_mem(slot_top_off_), ax::r8);
  }
  reload_frame_pointers();
}

void FunctionEmitter::epilogue() {
  a_.bind(epilogue_);
  a_.add(ax::rsp, Imm(frame_size_));
  a_.ret();
}

void emit_entry_thunk(ax::Assembler& as, const asmjit::Label& entry, const asmjit::Label& first_function,
                      const UnitContext& uc) {
  as.bind(entry);
  for (const ax::Gp& r : kSaved) as.push(r);
  as.sub(ax::rsp, Imm(8));  // six pushes and the return address: 8 past a 16-byte boundary
  as.mov(kCount, ax::qword_ptr(ax::rdi, ctx_off::executed));
  if (!uc.lazy_frames) {
    as.call(first_function);
  } else {
    const Function& first = *uc.unit->functions[0];
    const bool sub_entry = first.kind == EntryKind::Call;
    const Label done = as.newLabel(), not_call = as.newLabel();
    as.mov(kCtx, ax::rdi);
    as.mov(ax::qword_ptr(ax::rsp), ax::rsi);  // the frame's base, for the return below
    if (sub_entry) {
      // Entered by the interpreter's Call, which pushed the frame popped below. Anything else
      // on top (no caller of the VM's does it) leaves at once, before the first op.
      emit_top_frame(as);
      as.cmp(ax::byte_ptr(ax::r10, kFrameKind), Imm(static_cast<int>(FrameKind::Call)));
      as.jne(not_call);
    }
    as.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::frames));
    as.mov(ax::rcx, ax::qword_ptr(ax::rax, fl::kSize));
    as.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::slot_stack));
    as.mov(ax::r8, ax::qword_ptr(ax::rax, fl::kSize));
    as.call(first_function);
    if (sub_entry) {
      as.test(ax::eax, ax::eax);
      as.jnz(done);
      as.mov(ax::qword_ptr(kCtx, ctx_off::executed), kCount);
      as.mov(ax::r11, ax::qword_ptr(ax::rsp));
      if (first.returns == Returns::Value) as.add(ax::r11, Imm(1));
      as.mov(ax::qword_ptr(kCtx, ctx_off::ret_sp), ax::r11);
      emit_top_frame(as);
      emit_pop_call_frame(as);
    }
    as.bind(done);
    if (sub_entry) {
      const Label epilogue = as.newLabel();
      as.jmp(epilogue);
      as.bind(not_call);
      as.mov(ax::rax, Imm(static_cast<int64_t>(first.entry)));
      as.mov(ax::qword_ptr(kCtx, ctx_off::exit_ip), ax::rax);
      as.lea(ax::rax, ax::qword_ptr(ax::rsi, static_cast<int32_t>(first.entry_stack.size())));
      as.mov(ax::qword_ptr(kCtx, ctx_off::exit_sp), ax::rax);
      as.mov(ax::dword_ptr(kCtx, ctx_off::exit_flags), Imm(0));
      as.mov(ax::eax, Imm(static_cast<int32_t>(kExited)));
      as.bind(epilogue);
    }
  }
  as.add(ax::rsp, Imm(8));
  for (size_t i = std::size(kSaved); i-- > 0;) as.pop(kSaved[i]);
  as.ret();
}

// ── States ──

void FunctionEmitter::load_block_state(uint32_t b) {
  const TypeState& s = f_.block_in[b];
  stack_.clear();
  for (TypeSet t : s.stack) push_mem(t);
  slots_.assign(s.slots.size(), SlotRep{});
  for (size_t d = 0; d < s.slots.size(); ++d) {
    const TypeSet t = s.slots[d];
    slots_[d] = SlotRep{t, t == kBool || t == kInt || t == kFloat};
  }
  gpr_free_ = gpr_temps_;
  xmm_free_ = xmm_temps_;
}

void FunctionEmitter::transition(const Snapshot& from, uint32_t target) {
  stack_ = from.stack;
  slots_ = from.slots;
  const TypeState& want = f_.block_in[target];
  if (want.stack.size() != stack_.size()) {
    failed_ = true;
    error_ = "stack depth differs from the analysis at an edge";
    return;
  }
  for (size_t pos = 0; pos < stack_.size(); ++pos) {
    if ((stack_[pos].type & ~want.stack[pos]) != 0) {
      failed_ = true;
      error_ = "a stack type differs from the analysis at an edge";
      return;
    }
    materialize(pos);
  }
  for (uint32_t d = 0; d < slots_.size(); ++d) {
    const TypeSet t = want.slots[d];
    if ((slots_[d].type & ~t) != 0) {
      failed_ = true;
      error_ = "a slot type differs from the analysis at an edge";
      return;
    }
    const bool home = t == kBool || t == kInt || t == kFloat;
    if (home) ensure_home(d);
    else spill_slot(d);
  }
}

void FunctionEmitter::edge_to(uint32_t target, bool taken_jump, bool backward, bool inline_fallthrough) {
  const Snapshot from{stack_, slots_};
  const uint32_t gfree = gpr_free_, xfree = xmm_free_;
  if (target == kEnd) {
    // The end of the chunk: the interpreter finishes the run (after its limit check, when the
    // end was reached by a taken jump).
    a_.jmp(exit_at(ops_.size(), static_cast<int32_t>(ip_ + 1) - static_cast<int32_t>(flushed_),
                   taken_jump ? kExitCheckLimits : 0));
  } else {
    transition(from, target);
    if (taken_jump) {
      if (unit_.fuel_checks) {
        a_.cmp(kCount, ax::qword_ptr(kCtx, ctx_off::check_at));
        a_.jae(limit_exit(target));
      }
      if (backward) {
        a_.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::interrupt));
        a_.cmp(ax::byte_ptr(ax::rax), Imm(0));
        a_.jne(limit_exit(target));
      }
    }
    if (!(inline_fallthrough && target == next_emitted_)) a_.jmp(block_labels_[target]);
  }
  stack_ = from.stack;
  slots_ = from.slots;
  gpr_free_ = gfree;
  xmm_free_ = xfree;
}

// ── Exits ──

Label FunctionEmitter::exit_at(uint64_t ip, int32_t adjust, uint32_t flags) {
  ExitStub stub;
  stub.label = a_.newLabel();
  stub.ip = ip;
  stub.count_adjust = adjust;
  stub.flags = flags;
  stub.state = Snapshot{stack_, slots_};
  exits_.push_back(std::move(stub));
  return exits_.back().label;
}

Label FunctionEmitter::exit_here(uint32_t flags) {
  return exit_at(ip_, static_cast<int32_t>(ip_) - static_cast<int32_t>(flushed_), flags);
}

Label FunctionEmitter::limit_exit(uint32_t target) {
  if (!limit_labels_[target].isValid()) {
    const Snapshot saved{stack_, slots_};
    const uint32_t gfree = gpr_free_, xfree = xmm_free_;
    load_block_state(target);
    ExitStub stub;
    stub.label = a_.newLabel();
    stub.ip = f_.region.blocks[target].start;
    stub.count_adjust = 0;
    stub.flags = kExitCheckLimits;
    stub.state = Snapshot{stack_, slots_};
    exits_.push_back(std::move(stub));
    limit_labels_[target] = exits_.back().label;
    stack_ = saved.stack;
    slots_ = saved.slots;
    gpr_free_ = gfree;
    xmm_free_ = xfree;
  }
  return limit_labels_[target];
}

void FunctionEmitter::emit_exit_stub(const ExitStub& stub) {
  a_.bind(stub.label);
  stack_ = stub.state.stack;
  slots_ = stub.state.slots;
  materialize_all();
  flush_slots_to_memory();
  a_.lea(ax::rax, ax::qword_ptr(kCount, stub.count_adjust));
  a_.mov(ax::qword_ptr(kCtx, ctx_off::executed), ax::rax);
  a_.mov(ax::rax, Imm(static_cast<int64_t>(stub.ip)));
  a_.mov(ax::qword_ptr(kCtx, ctx_off::exit_ip), ax::rax);
  a_.mov(ax::rax, spill_mem(base_off_));
  a_.add(ax::rax, Imm(static_cast<int32_t>(stack_.size())));
  a_.mov(ax::qword_ptr(kCtx, ctx_off::exit_sp), ax::rax);
  a_.mov(ax::dword_ptr(kCtx, ctx_off::exit_flags), Imm(static_cast<int32_t>(stub.flags)));
  if (uc_.lazy_frames) {
    // The frames of the native calls around this one become the interpreter's: the callers
    // write their records into the room made here as the exit passes through them.
    a_.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::frames));
    a_.mov(ax::rcx, spill_mem(frame_top_off_));
    a_.mov(ax::qword_ptr(ax::rax, fl::kSize), ax::rcx);
    a_.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::slot_stack));
    a_.mov(ax::rcx, spill_mem(slot_top_off_));
    a_.mov(ax::qword_ptr(ax::rax, fl::kSize), ax::rcx);
  }
  a_.mov(ax::eax, Imm(static_cast<int32_t>(kExited)));
  a_.jmp(epilogue_);
}

void FunctionEmitter::emit_deferred() {
  // Deferred code may add more deferred code and exits; run until both are drained.
  size_t done_exits = 0;
  while (true) {
    while (!deferred_.empty()) {
      auto work = std::move(deferred_);
      deferred_.clear();
      for (auto& w : work) w();
    }
    if (done_exits == exits_.size()) break;
    while (done_exits < exits_.size()) {
      const ExitStub stub = exits_[done_exits++];
      emit_exit_stub(stub);
    }
  }
}

// ── Blocks ──

void FunctionEmitter::begin_op(uint32_t ip) { ip_ = ip; }

void FunctionEmitter::emit_block(uint32_t b) {
  const Block& block = f_.region.blocks[b];
  a_.bind(block_labels_[b]);
  load_block_state(b);
  block_ = &block;
  flushed_ = block.start;
  for (uint32_t ip = block.start; ip < block.end; ++ip) {
    begin_op(ip);
    if (!walk_op(*this, unit_, ops_[ip])) {
      a_.jmp(exit_here());
      return;
    }
    if (failed_) return;
  }
  if (block.kind == BlockEnd::Stop) {
    ip_ = block.end;
    a_.jmp(exit_here());
  } else if (block.kind == BlockEnd::Fallthrough) {
    ip_ = block.end - 1;
    flush_count(ip_);
    edge_to(block.next, false, false, true);
  }
}

void FunctionEmitter::jump(const Instr& ins) {
  flush_count(ip_);
  const uint64_t t = jump_target(ins);
  edge_to(block_->target, true, t <= ip_);
}

void FunctionEmitter::branch(const Instr& ins, uint32_t d) {
  flush_count(ip_);
  const Label taken = a_.newLabel();
  const uint64_t target_ip = jump_target(ins);
  switch (ins.op) {
    case Op::JumpIfTrue:
    case Op::JumpIfFalse:
      jump_if(top(), ins.op == Op::JumpIfTrue, taken);
      drop(1);
      break;
    case Op::JumpIfTrueKeep:
    case Op::JumpIfFalseKeep:
      jump_if(top(), ins.op == Op::JumpIfTrueKeep, taken);
      break;
    case Op::SlotLtIntJumpIfFalse: {
      // Jumps when !(to_int(slot) < lim).
      Entry e;
      e.loc = Loc::Slot;
      e.type = slots_[d].type;
      e.slot = d;
      if (e.type == kUndef) e = Entry{Loc::Const, kUndef};
      const GpView v = int_view(e);
      a_.cmp(v.r, Imm(ins.get<Op::SlotLtIntJumpIfFalse, 1>()));
      release(v);
      a_.jge(taken);
      break;
    }
    case Op::SlotIncLtIntJumpBack: {
      // slot = Int(to_int(slot) + 1); jumps when the new value < lim.
      slot_update(Op::PreIncSlotVoid, d);
      const Home& h = gpr_home_[d];
      if (h.in_reg) a_.cmp(gp(h.reg), Imm(ins.get<Op::SlotIncLtIntJumpBack, 1>()));
      else a_.cmp(spill_mem(h.spill), Imm(ins.get<Op::SlotIncLtIntJumpBack, 1>()));
      a_.jl(taken);
      break;
    }
    default:
      failed_ = true;
      error_ = "no branch emitter";
      return;
  }
  // The taken edge (its transition and limit checks) goes out of line, so that the fall-through
  // path runs straight into the next block.
  {
    const Snapshot state{stack_, slots_};
    const uint32_t gfree = gpr_free_, xfree = xmm_free_, ip = ip_, flushed = flushed_;
    const Block* block = block_;
    const bool backward = target_ip <= ip_;
    deferred_.push_back([this, state, gfree, xfree, ip, flushed, block, backward, taken] {
      stack_ = state.stack;
      slots_ = state.slots;
      gpr_free_ = gfree;
      xmm_free_ = xfree;
      ip_ = ip;
      flushed_ = flushed;
      block_ = block;
      a_.bind(taken);
      edge_to(block->target, true, backward);
    });
  }
  edge_to(block_->next, false, false, true);
}

// ── Native calls and returns ──


void FunctionEmitter::call(const Function& callee, size_t index, size_t argc) {
  // Stack values go to VM memory (the arguments are the callee's frame), and so do slots homed
  // in registers (the callee saves none: see prologue()). Slots in spill cells stay: if the
  // callee exits to the interpreter, the propagation stub writes them back.
  materialize_all();
  for (uint32_t d = 0; d < slots_.size(); ++d) {
    if (!slots_[d].in_home) continue;
    const Home& h = slots_[d].type == kFloat ? xmm_home_[d] : gpr_home_[d];
    if (slots_[d].type == kFloat || h.in_reg) spill_slot(d);
  }
  flush_count(ip_);  // the Call counts; an exit before it happens takes it back (adjust -1)
  if (uc_.lazy_frames) call_lazy(callee, index, argc);
  else call_eager(callee, index, argc);
}

// The callee's slot window (from slot index `first`), every slot Undef, as a Call frame starts
// (clobbers r10 and r11).
void FunctionEmitter::clear_slot_window(const ax::Gp& first) {
  const Label init = a_.newLabel(), inited = a_.newLabel();
  a_.mov(ax::r11, first);
  a_.shl(ax::r11, 4);
  a_.add(ax::r11, ax::qword_ptr(kCtx, ctx_off::slots));
  a_.mov(ax::r10, ax::qword_ptr(kCtx, ctx_off::slot_count));
  a_.test(ax::r10, ax::r10);
  a_.jz(inited);
  a_.bind(init);
  a_.mov(ax::qword_ptr(ax::r11, kPayloadOffset), Imm(0));
  a_.mov(ax::byte_ptr(ax::r11, kTagOffset), Imm(static_cast<int>(ValueType::Undef)));
  a_.add(ax::r11, Imm(kValueSize));
  a_.sub(ax::r10, Imm(1));
  a_.jnz(init);
  a_.bind(inited);
}

void FunctionEmitter::call_lazy(const Function& callee, size_t index, size_t argc) {
  // Nothing is written for the interpreter here: the callee's frame index and slot window are
  // this frame's tops, passed in registers. Where an eager call would have needed the
  // interpreter's help (depth limits, growth), the interpreter makes the call instead.
  const Label out = exit_here();
  if (unit_.fuel_checks) {
    a_.cmp(kCount, ax::qword_ptr(kCtx, ctx_off::check_at));
    a_.jae(out);
  }
  const int32_t callee_pos = static_cast<int32_t>(stack_.size() - argc);
  const int32_t needed = static_cast<int32_t>(callee.max_depth + 1);
  a_.mov(ax::rcx, spill_mem(frame_top_off_));
  a_.cmp(ax::rcx, ax::qword_ptr(kCtx, ctx_off::call_limit));
  a_.jae(out);
  a_.mov(ax::r8, spill_mem(slot_top_off_));
  a_.mov(ax::r9, ax::r8);
  a_.add(ax::r9, ax::qword_ptr(kCtx, ctx_off::slot_count));
  a_.cmp(ax::r9, ax::qword_ptr(kCtx, ctx_off::slot_limit));
  a_.ja(out);
  a_.mov(ax::rsi, spill_mem(base_off_));
  a_.add(ax::rsi, Imm(callee_pos));  // the callee's stack base: its arguments stay where they are
  a_.lea(ax::rax, ax::qword_ptr(ax::rsi, needed));
  a_.cmp(ax::rax, ax::qword_ptr(kCtx, ctx_off::stack_size));
  a_.ja(out);
  clear_slot_window(ax::r8);
  a_.mov(ax::rdi, kCtx);
  a_.mov(ax::rdx, ax::r8);
  a_.add(ax::rcx, Imm(1));
  a_.mov(ax::r8, ax::r9);
  a_.call(uc_.function_labels[index]);
  const uint64_t return_ip = ip_ + 1;
  after_native_call(callee, argc, [this, callee_pos, return_ip] {
    // The callee left for the interpreter: the Call frame this call would have pushed goes
    // where the callee's exit made room for it.
    a_.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::frames));
    a_.imul(ax::r10, spill_mem(frame_top_off_), Imm(kFrameSize));
    a_.add(ax::r10, ax::qword_ptr(ax::rax, fl::kData));
    a_.mov(ax::r9, spill_mem(slot_top_off_));
    write_call_frame(ax::r10, return_ip, callee_pos, ax::r9);
  });
}

// Writes the interpreter's Call frame for a call from here (clobbers r11).
void FunctionEmitter::write_call_frame(const ax::Gp& record, uint64_t return_ip, int32_t callee_pos,
                                       const ax::Gp& slot_base) {
  a_.mov(ax::byte_ptr(record, kFrameKind), Imm(static_cast<int>(FrameKind::Call)));
  a_.mov(ax::dword_ptr(record, kFrameReturnUnit), Imm(0));
  a_.mov(ax::r11, Imm(static_cast<int64_t>(return_ip)));
  a_.mov(ax::qword_ptr(record, kFrameReturnIp), ax::r11);
  a_.mov(ax::r11, spill_mem(base_off_));
  a_.add(ax::r11, Imm(callee_pos));
  a_.mov(ax::qword_ptr(record, kFrameStackBase), ax::r11);
  a_.mov(ax::qword_ptr(record, kFrameSlotBase), slot_base);
  a_.mov(ax::dword_ptr(record, kFrameBlockRun), Imm(0));
}

void FunctionEmitter::call_eager(const Function& callee, size_t index, size_t argc) {
  const Label out = exit_here();
  if (unit_.fuel_checks) {
    a_.cmp(kCount, ax::qword_ptr(kCtx, ctx_off::check_at));
    a_.jae(out);
  }
  a_.mov(ax::eax, ax::dword_ptr(kCtx, ctx_off::native_depth));
  a_.cmp(ax::eax, ax::dword_ptr(kCtx, ctx_off::max_native_depth));
  a_.jae(out);
  a_.mov(ax::qword_ptr(kCtx, ctx_off::executed), kCount);
  const int32_t callee_pos = static_cast<int32_t>(stack_.size() - argc);
  const int32_t needed = static_cast<int32_t>(callee.max_depth + 1);

  // The Call frame, pushed inline as the interpreter's Call does (no register holds a value
  // now); anything out of the ordinary — growth, the depth limit — goes through the CallEnter
  // helper, which fails exactly where the interpreter would.
  const Label slow = a_.newLabel(), entered = a_.newLabel();
  a_.mov(ax::rax, ax::qword_ptr(kCtx, ctx_off::frames));
  a_.mov(ax::rcx, ax::qword_ptr(ax::rax, fl::kSize));
  a_.cmp(ax::rcx, ax::qword_ptr(ax::rax, fl::kCapacity));
  a_.jae(slow);
  a_.cmp(ax::rcx, ax::qword_ptr(kCtx, ctx_off::max_call_depth));
  a_.jae(slow);
  a_.mov(ax::rdx, ax::qword_ptr(kCtx, ctx_off::slot_stack));
  a_.mov(ax::r8, ax::qword_ptr(ax::rdx, fl::kSize));  // the callee's slot base
  a_.mov(ax::rdi, ax::r8);
  a_.add(ax::rdi, ax::qword_ptr(kCtx, ctx_off::slot_count));
  a_.cmp(ax::rdi, ax::qword_ptr(ax::rdx, fl::kCapacity));
  a_.ja(slow);
  a_.mov(ax::r9, spill_mem(base_off_));
  a_.add(ax::r9, Imm(callee_pos + needed));
  a_.cmp(ax::r9, ax::qword_ptr(kCtx, ctx_off::stack_size));
  a_.ja(slow);
  a_.imul(ax::r10, ax::rcx, Imm(kFrameSize));
  a_.add(ax::r10, ax::qword_ptr(ax::rax, fl::kData));
  write_call_frame(ax::r10, ip_ + 1, callee_pos, ax::r8);
  a_.add(ax::qword_ptr(ax::rax, fl::kSize), Imm(1));
  clear_slot_window(ax::r8);
  a_.mov(ax::qword_ptr(ax::rdx, fl::kSize), ax::rdi);
  a_.mov(ax::rax, ax::r8);
  a_.jmp(entered);

  a_.bind(slow);
  a_.mov(ax::rdi, kCtx);
  a_.mov(ax::rsi, spill_mem(base_off_));
  a_.add(ax::rsi, Imm(callee_pos));
  a_.mov(ax::rdx, Imm(static_cast<int64_t>(ip_ + 1)));
  a_.mov(ax::ecx, Imm(needed));
  call_helper(static_cast<uint32_t>(Helper::CallEnter));
  a_.test(ax::rax, ax::rax);
  a_.js(out);

  a_.bind(entered);
  a_.add(ax::dword_ptr(kCtx, ctx_off::native_depth), Imm(1));
  a_.mov(ax::rdi, kCtx);
  a_.mov(ax::rsi, spill_mem(base_off_));
  a_.add(ax::rsi, Imm(callee_pos));
  a_.mov(ax::rdx, ax::rax);
  a_.call(uc_.function_labels[index]);
  a_.sub(ax::dword_ptr(kCtx, ctx_off::native_depth), Imm(1));
  after_native_call(callee, argc, [] {});
}

void FunctionEmitter::after_native_call(const Function& callee, size_t argc, const std::function<void()>& write_frame) {
  reload_frame_pointers();  // kCount comes back from the callee as it left it
  a_.cmp(ax::eax, Imm(static_cast<int32_t>(kReturned)));
  {
    // The callee handed the run to the interpreter: this frame's remaining slots go to memory,
    // then the exit goes on up (the callee already said where the interpreter resumes).
    const Label propagate = a_.newLabel();
    a_.jne(propagate);
    const std::vector<SlotRep> kept = slots_;
    deferred_.push_back([this, kept, propagate, write_frame] {
      a_.bind(propagate);
      write_frame();
      const std::vector<SlotRep> saved = slots_;
      slots_ = kept;
      flush_slots_to_memory();
      slots_ = saved;
      a_.jmp(propagate_);
    });
  }
  drop(argc);
  if (callee.returns == Returns::Value) {
    push_mem(callee.ret_types);
    if (is_single(callee.ret_types)) {
      // The callee's analysis says what it returns; check it rather than trust it.
      const TypeSet want = callee.ret_types;
      top().type = kAny;
      const Label bad = exit_at(ip_ + 1, 0, 0);
      top().type = want;
      a_.cmp(stack_mem(stack_.size() - 1, kTagOffset).cloneResized(1), Imm(static_cast<int>(tag_of(want))));
      a_.jne(bad);
    }
  }
}

// The returned value moves down to the frame's base; its old place must not keep a heap object
// (clobbers xmm0).
void FunctionEmitter::move_result_to_base(size_t top_pos) {
  if (top_pos == 0) return;
  a_.movups(ax::xmm0, ax::ptr(kStack, static_cast<int32_t>(top_pos) * kValueSize));
  a_.movups(ax::ptr(kStack, 0), ax::xmm0);
  a_.mov(stack_mem(top_pos, kTagOffset).cloneResized(1), Imm(static_cast<int>(ValueType::Undef)));
}

void FunctionEmitter::ret(bool with_value) {
  // Inline when nothing dropped with the frame can hold a heap value: a sub's own code (its
  // slots start Undef and native code writes only scalars) with only scalars below the result.
  bool inline_ok = f_.kind == EntryKind::Call;
  for (size_t pos = 0; pos + (with_value ? 1 : 0) < stack_.size(); ++pos)
    if (stack_[pos].type & kOther) inline_ok = false;
  for (const SlotRep& s : slots_)
    if (s.type & kOther) inline_ok = false;
  for (TypeSet t : f_.slot_kinds)
    if (t & kOther) inline_ok = false;

  materialize_all();
  flush_count(ip_);
  const size_t top_pos = stack_.size() - 1;
  if (uc_.lazy_frames && f_.kind == EntryKind::Call) {
    // The caller (a native function, or the entry thunk for the interpreter's Call) pops the
    // frame; here the value only moves down to the frame's base.
    if (!inline_ok) uc_.lazy_refused = true;
    if (with_value) move_result_to_base(top_pos);
    a_.xor_(ax::eax, ax::eax);
    static_assert(kReturned == 0);
    a_.jmp(epilogue_);
    return;
  }
  a_.mov(ax::qword_ptr(kCtx, ctx_off::executed), kCount);
  const Label slow = a_.newLabel();
  if (inline_ok) {
    emit_top_frame(a_);
    a_.cmp(ax::byte_ptr(ax::r10, kFrameKind), Imm(static_cast<int>(FrameKind::Call)));
    a_.jne(slow);
    if (with_value) move_result_to_base(top_pos);
    a_.mov(ax::r11, spill_mem(base_off_));
    if (with_value) a_.add(ax::r11, Imm(1));
    a_.mov(ax::qword_ptr(kCtx, ctx_off::ret_sp), ax::r11);
    emit_pop_call_frame(a_);
    a_.jmp(epilogue_);
  }
  a_.bind(slow);
  // The helper clobbers caller-saved registers: slots go to memory first, so that the exit
  // taken when it refuses finds them there.
  flush_slots_to_memory();
  const Label out = exit_here();
  if (with_value) {
    a_.mov(ax::rdx, stack_mem(top_pos));
    a_.movzx(ax::ecx, stack_mem(top_pos, kTagOffset).cloneResized(1));
  } else {
    a_.xor_(ax::edx, ax::edx);
    a_.mov(ax::ecx, Imm(static_cast<int32_t>(kNoReturnValue)));
  }
  a_.mov(ax::rdi, kCtx);
  a_.mov(ax::rsi, spill_mem(base_off_));
  a_.add(ax::rsi, Imm(static_cast<int32_t>(stack_.size())));
  call_helper(static_cast<uint32_t>(Helper::CallReturn));
  a_.test(ax::rax, ax::rax);
  a_.js(out);  // no Call frame to return from (top level, a scope): the interpreter does it
  a_.mov(ax::eax, Imm(static_cast<int32_t>(kReturned)));
  a_.jmp(epilogue_);
}

// ── The function ──

bool FunctionEmitter::emit(std::string& error) {
  plan_homes();
  const size_t n = f_.region.blocks.size();
  block_labels_.resize(n);
  limit_labels_.assign(n, Label());
  for (size_t b = 0; b < n; ++b) block_labels_[b] = a_.newLabel();
  epilogue_ = a_.newLabel();
  propagate_ = a_.newLabel();

  prologue();
  // Entry: the frame as the VM hands it over (everything in VM memory), moved into the entry
  // block's state.
  {
    Snapshot entry;
    const TypeState s = f_.entry_state();
    for (TypeSet t : s.stack) {
      Entry e;
      e.loc = Loc::Mem;
      e.type = t;
      entry.stack.push_back(e);
    }
    for (TypeSet t : s.slots) entry.slots.push_back(SlotRep{t, false});
    transition(entry, f_.region.entry_block);
    a_.jmp(block_labels_[f_.region.entry_block]);
  }
  for (uint32_t b = 0; b < n && !failed_; ++b) {
    if (!f_.reached[b]) continue;
    next_emitted_ = kEnd;
    for (uint32_t later = b + 1; later < n; ++later) {
      if (f_.reached[later]) {
        next_emitted_ = later;
        break;
      }
    }
    emit_block(b);
  }
  if (!failed_) emit_deferred();
  a_.bind(propagate_);
  a_.mov(ax::eax, Imm(static_cast<int32_t>(kExited)));
  a_.jmp(epilogue_);
  epilogue();
  if (failed_) error = error_;
  return !failed_;
}

}  // namespace fusevm::jit::x64

namespace fusevm::jit {

namespace {

// One attempt at the unit's code; `refused` when lazy frames were asked for and a function
// cannot have them (nothing is returned then).
Result<CodeBlob> generate_unit(Unit& unit, bool lazy_frames, bool& refused) {
  asmjit::CodeHolder code;
  x64::RecordingErrorHandler errors;
  // FUSEVM_JIT_DUMP=1 prints the generated assembly of every unit on stderr.
  static const bool dump = std::getenv("FUSEVM_JIT_DUMP") != nullptr;
  asmjit::StringLogger logger;
  x64::init_code(code, errors, dump ? &logger : nullptr);
  asmjit::x86::Assembler as(&code);

  x64::UnitContext uc;
  uc.as = &as;
  uc.unit = &unit;
  uc.lazy_frames = lazy_frames;
  // The entry thunk pops the interpreter's Call frame for a sub: it must know what is returned.
  if (lazy_frames && unit.functions[0]->kind == EntryKind::Call && unit.functions[0]->returns == Returns::Mixed) {
    refused = true;
    return Status(ErrorCode::NotCompiled, "lazy frames: a sub returning both with and without a value");
  }
  for (size_t i = 0; i < unit.functions.size(); ++i) uc.function_labels.push_back(as.newLabel());
  // Every function the unit holds is emitted, whether or not a call to it survived.
  for (size_t i = 0; i < unit.functions.size(); ++i) {
    const Function& f = *unit.functions[i];
    if (i > 0 && (f.returns == Returns::None || f.returns == Returns::Mixed || f.reached.empty())) {
      as.bind(uc.function_labels[i]);  // no call to it survived analysis: trap if one ever came
      as.ud2();
      continue;
    }
    x64::FunctionEmitter fe(uc, i);
    std::string why;
    if (!fe.emit(why)) return Status(ErrorCode::NotCompiled, "code generation: " + why);
    // Code generation walks the analysed states, so it finds every callee the analysis made;
    // one it would have to add means the two disagree: refuse rather than guess.
    if (unit.functions.size() != uc.function_labels.size())
      return Status(ErrorCode::NotCompiled, "code generation: a callee the analysis did not see");
  }
  if (uc.lazy_refused) {
    refused = true;
    return Status(ErrorCode::NotCompiled, "lazy frames: a return drops heap values");
  }
  const asmjit::Label entry = as.newLabel();
  x64::emit_entry_thunk(as, entry, uc.function_labels[0], uc);
  as.align(asmjit::AlignMode::kData, 8);
  for (auto& [bits, label] : uc.constants) {
    as.bind(label);
    as.embedUInt64(bits);
  }
  if (dump) std::fprintf(stderr, "── fusevm JIT unit (%zu functions) ──\n%s\n", unit.functions.size(), logger.data());
  auto blob = x64::finish_code(code, errors, entry);
  if (!blob.ok()) return blob;
  for (const NativeOpSpec* spec : unit.imports) blob->import_symbols.push_back(spec->symbol);
  return blob;
}

}  // namespace

Result<CodeBlob> generate_code(Unit& unit) {
  // Lazy frames when every function allows them (the common case: subs on scalars), else the
  // unit again with an interpreter frame pushed at every native call.
  bool refused = false;
  auto blob = generate_unit(unit, true, refused);
  if (!refused) return blob;
  if (auto* log = jit_log(); log && log->should_log(spdlog::level::debug))
    log->debug("eager frames for the unit at ip={}: {}", unit.functions[0]->entry, blob.status().message());
  return generate_unit(unit, false, refused);
}

std::string backend_target_description() {
  const asmjit::CpuInfo& cpu = asmjit::CpuInfo::host();
  std::string text = "x86-64 ";
  text += cpu.vendor();
  text += " ";
  // The generated code uses SSE2 only, but the fingerprint names the CPU's features anyway: a
  // cache shared between machines (an NFS home) must never hand one machine another's code.
  const uint64_t* words = reinterpret_cast<const uint64_t*>(&cpu.features());
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < sizeof(cpu.features()) / 8; ++i) h = (h ^ words[i]) * 0x100000001b3ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  text += hex;
  return text;
}

}  // namespace fusevm::jit
