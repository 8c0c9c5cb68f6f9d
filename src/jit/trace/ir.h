// The trace IR: one recorded loop iteration as typed SSA, with a snapshot of the VM state at
// every guard.
//
// A trace is a straight line of instructions. Each instruction defines at most one value,
// named by its index (a Ref), of one unboxed type (Undef, Bool, Int or Float). Control leaves
// the line only at guards: a guard that fails takes a side exit, whose snapshot says how to
// rebuild exactly the interpreter's state at that point (which ip to resume at, how many ops
// ran, the value of every slot the trace changed, the values on the stack and the frames of
// inlined calls). With loop peeling (optimize.cpp) the line is split by a Loop marker into a
// pre-roll — the first iteration, where invariant work happens once — and the loop body,
// whose loop-carried values are Phi instructions at the end.
//
// Slots of the frame the loop runs in are never stored inside the trace (store sinking): they
// are SSA values, written back to VM memory only by an exit, from its snapshot.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fusevm/chunk.h"
#include "fusevm/jit.h"
#include "jit/types.h"

namespace fusevm::jit::trace {

using Ref = uint32_t;
inline constexpr Ref kNoRef = UINT32_MAX;

/// The unboxed type of an IR value (the Value kinds native code computes with).
enum class IrType : uint8_t { Undef, Bool, Int, Float };
const char* ir_type_name(IrType t);
ValueType value_type_of(IrType t);
IrType ir_type_of(TypeSet single);

// X(name, operands, pure): `operands` is how many of a/b are Refs; pure ops may be CSE'd and
// hoisted; impure ones (guards, loads, the loop marker) stay where they are.
#define FUSEVM_TRACE_IR_OPS(X)                                                        \
  X(KInt, 0, true)     /* imm: the integer */                                         \
  X(KFloat, 0, true)   /* imm: the double's bits */                                   \
  X(KBool, 0, true)    /* imm: 0 or 1 */                                              \
  X(KUndef, 0, true)                                                                  \
  X(SLoad, 0, false)   /* imm: slot of the loop's frame, as it was at entry */        \
  X(ToFloat, 1, true)  /* Int/Bool/Undef -> Float (to_float) */                       \
  X(ToInt, 1, true)    /* Float/Bool/Undef -> Int (to_int: saturating, NaN -> 0) */   \
  X(Truthy, 1, true)   /* any -> Bool */                                              \
  X(Not, 1, true)      /* Bool -> Bool */                                             \
  X(AddI, 2, true)                                                                    \
  X(SubI, 2, true)                                                                    \
  X(MulI, 2, true)                                                                    \
  X(ModI, 2, true)     /* 0 for a divisor of 0 or -1 */                               \
  X(NegI, 1, true)                                                                    \
  X(BAnd, 2, true)                                                                    \
  X(BOr, 2, true)                                                                     \
  X(BXor, 2, true)                                                                    \
  X(BNot, 1, true)                                                                    \
  X(Shl, 2, true)      /* count & 63 */                                               \
  X(Sar, 2, true)                                                                     \
  X(AddF, 2, true)                                                                    \
  X(SubF, 2, true)                                                                    \
  X(MulF, 2, true)                                                                    \
  X(DivF, 2, true)     /* a guard keeps the divisor nonzero */                        \
  X(NegF, 1, true)                                                                    \
  X(AbsF, 1, true)                                                                    \
  X(SqrtF, 1, true)                                                                   \
  X(CallF1, 1, true)   /* imm: a Helper taking and returning one double */            \
  X(CallF2, 2, true)   /* imm: a Helper taking two doubles */                         \
  X(LtI, 2, true)                                                                     \
  X(LeI, 2, true)                                                                     \
  X(EqI, 2, true)                                                                     \
  X(NeI, 2, true)                                                                     \
  X(LtF, 2, true)                                                                     \
  X(LeF, 2, true)                                                                     \
  X(EqF, 2, true)                                                                     \
  X(NeF, 2, true)                                                                     \
  X(LtU, 2, true)      /* unsigned a < b (an index in range) */                       \
  X(CmpI, 2, true)     /* <=> of two Ints: -1, 0, 1 */                                \
  X(CmpF, 2, true)     /* <=> of two Floats (NaN: 0) */                               \
  X(BAndB, 2, true)    /* Bool & Bool */                                              \
  X(BOrB, 2, true)     /* Bool | Bool */                                              \
  X(GuardTrue, 1, false)   /* snap: exit when a (Bool) is false */                    \
  X(GuardFalse, 1, false)  /* snap: exit when a (Bool) is true */                     \
  X(GuardNonZeroF, 1, false) /* snap: exit when a (Float) == 0.0 */                   \
  X(GuardArray, 0, false)  /* imm: global | kUniqueArray; snap: exit unless the global */ \
                           /* is an Array (kUniqueArray: one no other value shares)  */ \
  X(ArrData, 0, true)  /* imm: global: the address of its Array's elements           */ \
  X(ArrLen, 0, true)   /* imm: global: its Array's element count (Int)                */ \
  X(ElemTag, 2, false) /* a: ArrData, b: index: the element's type tag (Int)           */ \
  X(ElemLoad, 2, false) /* a: ArrData, b: index: the element's payload, of this type   */ \
  X(ElemStore, 2, false) /* a: index, b: value, imm: the ArrData ref: element = b      */ \
  X(ArrPush, 1, false) /* imm: global; snap: exit unless a was pushed onto its Array    */ \
  X(LoopCheck, 0, false)   /* snap: exit at the back edge when interrupted or when */ \
                           /* the fuel could run out in the next iteration        */ \
  X(SStore, 1, false)  /* imm: slot; writes a to VM memory (store sinking off) */     \
  X(Loop, 0, false)    /* the loop header: the pre-roll ends here */                  \
  X(Phi, 2, false)     /* at the back edge a's register takes b's value */            \
  X(SideEntry, 0, false) /* imm: the snapshot whose guard branches here (a side path) */ \
  X(Exit, 0, false)    /* snap: always leaves (a side path that cannot rejoin the loop) */ \
  X(Nop, 0, false)     /* a removed instruction */

enum class IrOp : uint8_t {
#define FUSEVM_IR_ENUM(name, operands, pure) name,
  FUSEVM_TRACE_IR_OPS(FUSEVM_IR_ENUM)
#undef FUSEVM_IR_ENUM
};

const char* ir_op_name(IrOp op);
int ir_operand_count(IrOp op);
bool ir_is_pure(IrOp op);
inline bool ir_is_guard(IrOp op) {
  return op == IrOp::GuardTrue || op == IrOp::GuardFalse || op == IrOp::GuardNonZeroF ||
         op == IrOp::GuardArray || op == IrOp::ArrPush || op == IrOp::LoopCheck || op == IrOp::Exit;
}
/// Guards that do something besides checking (never dropped as implied by an earlier one).
inline bool ir_is_effect_guard(IrOp op) { return op == IrOp::LoopCheck || op == IrOp::Exit || op == IrOp::ArrPush; }
/// GuardArray's flag: the array must also be unshared (it is about to be written).
inline constexpr uint64_t kUniqueArray = uint64_t{1} << 32;
inline bool ir_is_const(IrOp op) {
  return op == IrOp::KInt || op == IrOp::KFloat || op == IrOp::KBool || op == IrOp::KUndef;
}

struct IrIns {
  IrOp op = IrOp::Nop;
  IrType type = IrType::Undef;
  Ref a = kNoRef;
  Ref b = kNoRef;
  uint64_t imm = 0;
  uint32_t snap = UINT32_MAX;  ///< guards: the snapshot of their exit
};

/// Where one value of a snapshot goes back to.
enum class SnapTarget : uint8_t {
  Slot,       ///< slot `index` of the loop's frame
  Stack,      ///< the `index`th value above the loop's stack depth at entry
  FrameSlot,  ///< slot `index` of inlined frame `frame` (0 is the outermost inlined call)
};

struct SnapEntry {
  SnapTarget target = SnapTarget::Slot;
  uint8_t frame = 0;
  uint32_t index = 0;
  Ref ref = kNoRef;
};

/// An inlined call open at a snapshot: the frame the interpreter must have there.
struct SnapFrame {
  uint64_t return_ip = 0;   ///< the op after the Call
  uint32_t stack_base = 0;  ///< its first value, as an index into the snapshot's stack
};

/// The interpreter state at a guard's exit, relative to the trace's entry.
struct Snapshot {
  uint64_t resume_ip = 0;   ///< where the interpreter continues
  uint32_t ops = 0;         ///< ops the iteration had executed there (counted at the exit)
  bool check_limits = false;  ///< the exit follows a taken jump (the interpreter checks there)
  /// Where the recorded path goes on from the same state (a forced exit resumes there: the
  /// chaos testing mode), and whether that is after a taken jump.
  uint64_t pass_ip = 0;
  bool pass_check_limits = false;
  bool loop_exit = false;     ///< the loop's own exit (not counted as a side exit)
  uint32_t stack_size = 0;  ///< values above the entry depth
  /// Set by mark_side_exits(): a side trace may grow from this exit (a branch guard of the loop
  /// body or of a side path less than kMaxSideDepth deep, with no side path attached yet).
  bool side_ok = false;
  uint8_t path_depth = 0;   ///< 0 on the main path, k on a side path k deep
  std::vector<SnapFrame> frames;
  std::vector<SnapEntry> entries;
};

/// One recorded path through a loop, as the interpreter ran it.
struct Recording {
  uint64_t anchor = 0;                ///< the loop header (the trace's entry)
  std::vector<uint32_t> ips;          ///< every op executed, from the anchor to the closing jump
  std::vector<SlotKind> slot_kinds;   ///< every slot of the loop's frame at the anchor
  /// The kind of the element each ArrayGet read, in order (the trace speculates on it).
  std::vector<SlotKind> observed;
};

/// A side path: the ops the interpreter ran from a hot exit (its snapshot's resume ip) back to
/// the loop header, with the kinds of the loop frame's slots when the recording began.
struct SideRecording {
  uint32_t parent_snap = 0;           ///< the exit it grows from, numbered in the tree before it
  std::vector<uint32_t> ips;
  std::vector<SlotKind> slot_kinds;
  std::vector<SlotKind> observed;     ///< as Recording::observed
};

/// One side path of a trace tree: instructions [begin, end), entered from `parent_snap`'s guard.
struct SideSegment {
  Ref begin = kNoRef, end = kNoRef;
  uint32_t parent_snap = 0;
  uint32_t depth = 1;     ///< 1 for a side of the loop itself, 2 for a side of a side ...
  bool rejoins = false;   ///< ends by jumping back to the loop (otherwise by an Exit)
};

/// How many side paths may be chained, each growing from the one before.
inline constexpr uint32_t kMaxSideDepth = 4;

// Closed-form loops, which the code generator skips over in one step (closed_form.h explains).

/// How the body's guard keeps the loop running: while `counter + offset <cmp> bound`.
enum class LoopTest : uint8_t { Lt, Le, Gt, Ge };

/// One loop-carried value's change per iteration: constant + sum(coef * invariant) +
/// counter_coef * (the counter at the iteration's start), all modulo 2^64.
struct LoopUpdate {
  Ref value = kNoRef;  ///< the Phi's pre-roll value (whose register carries it around the loop)
  uint64_t constant = 0;
  std::vector<std::pair<Ref, uint64_t>> invariants;
  uint64_t counter_coef = 0;
};

/// A loop the code generator may skip over (TraceIr::closed_form; present when counter != kNoRef).
struct ClosedForm {
  Ref counter = kNoRef;  ///< the counter's pre-roll value (also one of `updates`)
  int64_t step = 0;      ///< the counter's change per iteration (nonzero)
  int64_t offset = 0;    ///< the guard tests counter + offset
  Ref bound = kNoRef;    ///< a constant or a value the loop does not change
  LoopTest test = LoopTest::Lt;
  uint32_t ops = 0;      ///< ops one iteration of the body counts
  std::vector<LoopUpdate> updates;
};

/// Which optimisations run (jit.h: each can be switched off for testing).
using PassFlags = TraceOptimizations;

/// The compiled form's source: instructions, snapshots and what the entry expects.
struct TraceIr {
  std::vector<IrIns> ins;
  std::vector<Snapshot> snaps;
  /// Slots read at entry (SLoad) and the kind each must hold; the VM checks them before entering.
  std::vector<std::pair<uint16_t, SlotKind>> entry_slots;
  Ref loop = kNoRef;           ///< the Loop marker (kNoRef when not peeled)
  uint32_t ops_per_iteration = 0;
  uint32_t max_iteration_ops = 0;  ///< the longest iteration through any side path (fuel room)
  uint32_t max_inline_depth = 0;
  uint32_t max_stack = 0;      ///< values above the entry depth at any snapshot
  uint64_t anchor = 0;
  uint32_t chaos_mask = 0;     ///< TraceJitConfig::trace_chaos_mask the code was built with
  /// Slots written back by the back edge when unboxing is off (slot, ref at the iteration's end).
  std::vector<std::pair<uint16_t, Ref>> boxed_back_edge;
  /// Each slot the loop writes, and the value holding it where the loop body begins (a Phi's
  /// register or an invariant): what a side path must hand back to rejoin the loop.
  std::vector<std::pair<uint16_t, Ref>> loop_slots;
  /// The main path ends at the first side path's begin (or at the end of `ins`).
  std::vector<SideSegment> sides;
  /// Globals whose arrays the tree pushes onto, and those whose elements it reads or writes: a
  /// push may move the elements, so no global may be in both (the addresses are hoisted).
  std::vector<uint16_t> pushed_arrays, accessed_arrays;
  /// Set by find_closed_form() when the loop can be skipped over (counter != kNoRef).
  ClosedForm closed_form;
};

/// Where the main path (the recorded loop) ends and the side paths begin.
inline Ref main_path_end(const TraceIr& ir) {
  return ir.sides.empty() ? static_cast<Ref>(ir.ins.size()) : ir.sides.front().begin;
}

/// A hash of everything native code and its exits depend on: instructions, snapshots, entry
/// checks, the loop's layout and the side paths (a cached trace's code must have been built
/// from an IR with the same hash).
uint64_t ir_hash(const TraceIr& ir);

/// The IR as text ("0007 Int  AddI 0003 0005"), with snapshots.
std::string dump_ir(const TraceIr& ir, const Chunk& chunk);
/// One instruction as dump_ir prints it, without its snapshot or a newline.
std::string ins_text(const TraceIr& ir, Ref r);
/// A snapshot as dump_ir prints it after a guard: where it resumes and what it writes back.
std::string snap_text(const TraceIr& ir, uint32_t snap, const Chunk& chunk);
/// The IR as a Graphviz cluster (`subgraph cluster_<id>`, titled `title`) to place inside a
/// digraph: straight-line runs of instructions as boxes split at guards, each guard's exit as
/// an ellipse naming where the interpreter resumes, side paths branching from their guards, and
/// the loop's back edge and side paths' rejoins drawn bold. Node names all begin with `id`.
std::string ir_dot(const TraceIr& ir, const Chunk& chunk, const std::string& id, const std::string& title);

}  // namespace fusevm::jit::trace
