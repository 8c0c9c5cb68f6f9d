// Names of the trace IR's ops and types, and the IR printer (--dump-trace, FUSEVM_JIT_LOG=debug).
#include "jit/trace/ir.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <bit>

namespace fusevm::jit::trace {

namespace {

struct OpRow {
  const char* name;
  int operands;
  bool pure;
};

constexpr OpRow kOps[] = {
#define FUSEVM_IR_ROW(name, operands, pure) {#name, operands, pure},
    FUSEVM_TRACE_IR_OPS(FUSEVM_IR_ROW)
#undef FUSEVM_IR_ROW
};

std::string ref_text(Ref r) { return r == kNoRef ? "----" : fmt::format("{:04}", r); }

}  // namespace

const char* ir_type_name(IrType t) {
  switch (t) {
    case IrType::Undef: return "undef";
    case IrType::Bool: return "bool";
    case IrType::Int: return "int";
    case IrType::Float: return "float";
  }
  return "?";
}

ValueType value_type_of(IrType t) {
  switch (t) {
    case IrType::Bool: return ValueType::Bool;
    case IrType::Int: return ValueType::Int;
    case IrType::Float: return ValueType::Float;
    default: return ValueType::Undef;
  }
}

IrType ir_type_of(TypeSet single) {
  switch (single) {
    case kBool: return IrType::Bool;
    case kInt: return IrType::Int;
    case kFloat: return IrType::Float;
    default: return IrType::Undef;
  }
}

const char* ir_op_name(IrOp op) { return kOps[static_cast<size_t>(op)].name; }
int ir_operand_count(IrOp op) { return kOps[static_cast<size_t>(op)].operands; }
bool ir_is_pure(IrOp op) { return kOps[static_cast<size_t>(op)].pure; }

uint64_t ir_hash(const TraceIr& ir) {
  // Field by field into a buffer (struct padding would make a hash of raw memory unstable).
  std::vector<uint64_t> w;
  const auto put = [&](uint64_t v) { w.push_back(v); };
  for (const IrIns& i : ir.ins) {
    put(static_cast<uint64_t>(i.op) | static_cast<uint64_t>(i.type) << 8 | static_cast<uint64_t>(i.snap) << 16);
    put(static_cast<uint64_t>(i.a) | static_cast<uint64_t>(i.b) << 32);
    put(i.imm);
  }
  for (const Snapshot& s : ir.snaps) {
    put(s.resume_ip);
    put(s.pass_ip);
    put(static_cast<uint64_t>(s.ops) | static_cast<uint64_t>(s.stack_size) << 32);
    put(static_cast<uint64_t>(s.check_limits) | s.pass_check_limits << 1 | s.loop_exit << 2 | s.side_ok << 3 |
        static_cast<uint64_t>(s.path_depth) << 8);
    for (const SnapFrame& f : s.frames) put(f.return_ip ^ static_cast<uint64_t>(f.stack_base) << 48);
    for (const SnapEntry& e : s.entries)
      put(static_cast<uint64_t>(e.target) | static_cast<uint64_t>(e.frame) << 8 | static_cast<uint64_t>(e.index) << 16 |
          static_cast<uint64_t>(e.ref) << 40);
  }
  for (const auto& [slot, kind] : ir.entry_slots) put(slot | static_cast<uint64_t>(kind) << 16);
  for (const auto& [slot, r] : ir.boxed_back_edge) put(slot | static_cast<uint64_t>(r) << 16);
  for (const SideSegment& g : ir.sides)
    put(g.begin ^ static_cast<uint64_t>(g.end) << 20 ^ static_cast<uint64_t>(g.parent_snap) << 40 ^
        static_cast<uint64_t>(g.rejoins) << 63);
  put(ir.loop);
  put(ir.ops_per_iteration | static_cast<uint64_t>(ir.max_iteration_ops) << 32);
  put(ir.max_inline_depth | static_cast<uint64_t>(ir.max_stack) << 32);
  put(ir.anchor);
  put(ir.chaos_mask);
  const ClosedForm& cf = ir.closed_form;
  put(cf.counter | static_cast<uint64_t>(cf.bound) << 32);
  put(static_cast<uint64_t>(cf.step));
  put(static_cast<uint64_t>(cf.offset));
  put(static_cast<uint64_t>(cf.test) | static_cast<uint64_t>(cf.ops) << 8);
  for (const LoopUpdate& u : cf.updates) {
    put(u.value);
    put(u.constant);
    put(u.counter_coef);
    for (const auto& [r, coef] : u.invariants) {
      put(r);
      put(coef);
    }
  }
  return XXH64(w.data(), w.size() * sizeof(uint64_t), 0x7261636548u);
}

std::string ins_text(const TraceIr& ir, Ref r) {
  const IrIns& i = ir.ins[r];
  std::string out = fmt::format("{:04} {:<5} {:<13}", r, ir_type_name(i.type), ir_op_name(i.op));
  const int n = ir_operand_count(i.op);
  if (n >= 1) out += " " + ref_text(i.a);
  if (n >= 2) out += " " + ref_text(i.b);
  switch (i.op) {
    case IrOp::KInt: out += fmt::format(" {}", static_cast<int64_t>(i.imm)); break;
    case IrOp::KFloat: out += fmt::format(" {}", std::bit_cast<double>(i.imm)); break;
    case IrOp::KBool: out += i.imm ? " true" : " false"; break;
    case IrOp::SLoad:
    case IrOp::SStore: out += fmt::format(" slot {}", i.imm); break;
    case IrOp::CallF1:
    case IrOp::CallF2: out += fmt::format(" #{}", i.imm); break;
    case IrOp::SideEntry: out += fmt::format(" from snap {}", i.imm); break;
    case IrOp::GuardArray:
      out += fmt::format(" global {}{}", i.imm & 0xFFFF, i.imm & kUniqueArray ? " unshared" : "");
      break;
    case IrOp::ArrData:
    case IrOp::ArrLen:
    case IrOp::ArrPush: out += fmt::format(" global {}", i.imm); break;
    case IrOp::ElemStore: out += " into " + ref_text(static_cast<Ref>(i.imm)); break;
    default: break;
  }
  return out;
}

std::string snap_text(const TraceIr& ir, uint32_t snap, const Chunk& chunk) {
  const Snapshot& s = ir.snaps[snap];
  std::string out = fmt::format("snap {} (ip {}{}", snap, s.resume_ip,
                                s.resume_ip < chunk.ops.size()
                                    ? std::string(" ") + std::string(op_name(chunk.ops[s.resume_ip].op))
                                    : std::string(""));
  out += fmt::format(", +{} ops{}{}) [", s.ops, s.loop_exit ? ", loop exit" : "",
                     s.frames.empty() ? "" : fmt::format(", {} inlined frames", s.frames.size()).c_str());
  bool first = true;
  for (const SnapEntry& e : s.entries) {
    if (!first) out += " ";
    first = false;
    switch (e.target) {
      case SnapTarget::Slot: out += fmt::format("s{}={}", e.index, ref_text(e.ref)); break;
      case SnapTarget::Stack: out += fmt::format("t{}={}", e.index, ref_text(e.ref)); break;
      case SnapTarget::FrameSlot: out += fmt::format("f{}.s{}={}", e.frame, e.index, ref_text(e.ref)); break;
    }
  }
  return out + "]";
}

namespace {

// "skip while 0007+1 < 0001 (step 1, 13 ops): 0005 += 1*0007, 0007 += 1"
std::string closed_form_text(const ClosedForm& cf) {
  static constexpr const char* kTest[] = {"<", "<=", ">", ">="};
  std::string out = fmt::format("skip while {}{:+} {} {} (step {}, {} ops):", ref_text(cf.counter), cf.offset,
                                kTest[static_cast<int>(cf.test)], ref_text(cf.bound), cf.step, cf.ops);
  const char* sep = " ";
  for (const LoopUpdate& u : cf.updates) {
    out += fmt::format("{}{} += {}", sep, ref_text(u.value), static_cast<int64_t>(u.constant));
    for (const auto& [r, coef] : u.invariants) out += fmt::format(" + {}*{}", static_cast<int64_t>(coef), ref_text(r));
    if (u.counter_coef != 0)
      out += fmt::format(" + {}*{}", static_cast<int64_t>(u.counter_coef), ref_text(cf.counter));
    sep = ", ";
  }
  return out + "\n";
}

}  // namespace

std::string dump_ir(const TraceIr& ir, const Chunk& chunk) {
  std::string out = fmt::format("trace at ip {} ({} ops per iteration, {} instructions, {} snapshots)\n",
                                ir.anchor, ir.ops_per_iteration, ir.ins.size(), ir.snaps.size());
  for (Ref r = 0; r < ir.ins.size(); ++r) {
    const IrIns& i = ir.ins[r];
    if (i.op == IrOp::Nop) continue;
    if (i.op == IrOp::Loop) {
      if (ir.closed_form.counter != kNoRef) out += closed_form_text(ir.closed_form);
      out += "---- LOOP ----\n";
      continue;
    }
    out += ins_text(ir, r);
    if (ir_is_guard(i.op) && i.snap < ir.snaps.size()) out += "  -> " + snap_text(ir, i.snap, chunk);
    out += "\n";
  }
  return out;
}

}  // namespace fusevm::jit::trace
