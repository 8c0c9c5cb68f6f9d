// The IR emitter: appends instructions to a trace, folding constants and reusing earlier
// results (CSE) on the way, as PassFlags allow. Everything that builds IR goes through it — the
// recorder's builder and loop peeling — so the optimisations apply to both, which is what
// turns peeling into loop-invariant code motion: an instruction of the peeled loop body whose
// operands did not change is found in the pre-roll and not emitted again.
#pragma once

#include <unordered_map>

#include "jit/trace/ir.h"

namespace fusevm::jit::trace {

class IrEmitter {
 public:
  IrEmitter(TraceIr& ir, PassFlags flags) : ir_(ir), flags_(flags) {}

  /// A pure instruction (folded or CSE'd when possible) or an impure one (appended).
  Ref emit(IrOp op, IrType type, Ref a = kNoRef, Ref b = kNoRef, uint64_t imm = 0);
  Ref kint(int64_t v) { return emit(IrOp::KInt, IrType::Int, kNoRef, kNoRef, static_cast<uint64_t>(v)); }
  Ref kfloat(double v);
  Ref kbool(bool v) { return emit(IrOp::KBool, IrType::Bool, kNoRef, kNoRef, v ? 1 : 0); }
  Ref kundef() { return emit(IrOp::KUndef, IrType::Undef); }

  /// A guard on `a` exiting to snapshot `snap`. Returns false when the guard can never pass
  /// (a constant that contradicts the recorded path); a guard already implied is not emitted
  /// (unless `may_drop` is false: the same value may differ from one iteration to the next).
  bool guard(IrOp op, Ref a, uint32_t snap, bool may_drop = true, uint64_t imm = 0);

  /// Makes the instructions already in the trace available to CSE and guard elimination (after
  /// another emitter built them).
  void adopt_existing();
  /// The same for the instructions marked in `visible` only: those that dominate the place new
  /// instructions go (a side path sees the loop up to its guard, not what follows).
  void adopt(const std::vector<uint8_t>& visible);
  /// Records that guard `op` on `a` would pass here (a side path knows how its guard failed).
  void assume(IrOp op, Ref a, uint64_t imm = 0);

  // Conversions by the interpreter's rules (no instruction when the value already has the type).
  Ref to_float(Ref r);
  Ref to_int(Ref r);
  Ref truthy(Ref r);

  const IrIns& at(Ref r) const { return ir_.ins[r]; }
  IrType type(Ref r) const { return ir_.ins[r].type; }
  bool is_const(Ref r) const { return ir_is_const(ir_.ins[r].op); }

 private:
  struct Key {
    IrOp op;
    IrType type;
    Ref a, b;
    uint64_t imm;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const noexcept;
  };
  Ref append(const IrIns& ins);
  /// The constant result of a pure op on constants, or kNoRef when it does not fold.
  Ref fold(IrOp op, IrType type, Ref a, Ref b, uint64_t imm);
  /// Algebraic identities (x + 0, x * 1, not not x ...): the simpler equivalent, or kNoRef.
  Ref simplify(IrOp op, IrType type, Ref a, Ref b);

  TraceIr& ir_;
  PassFlags flags_;
  std::unordered_map<Key, Ref, KeyHash> cse_;
};

/// The value of a pure op on constant operands, by the interpreter's rules (the folding and the
/// code generator agree because both follow them; the differential tests check it).
uint64_t eval_pure(IrOp op, IrType type, IrType ta, uint64_t a, IrType tb, uint64_t b, uint64_t imm);

}  // namespace fusevm::jit::trace
