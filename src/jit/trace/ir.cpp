// Names of the trace IR's ops and types, and the IR printer (--dump-trace, FUSEVM_JIT_LOG=debug).
#include "jit/trace/ir.h"

#include <fmt/format.h>

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

std::string dump_ir(const TraceIr& ir, const Chunk& chunk) {
  std::string out = fmt::format("trace at ip {} ({} ops per iteration, {} instructions, {} snapshots)\n",
                                ir.anchor, ir.ops_per_iteration, ir.ins.size(), ir.snaps.size());
  for (Ref r = 0; r < ir.ins.size(); ++r) {
    const IrIns& i = ir.ins[r];
    if (i.op == IrOp::Nop) continue;
    if (i.op == IrOp::Loop) {
      out += "---- LOOP ----\n";
      continue;
    }
    out += fmt::format("{:04} {:<5} {:<13}", r, ir_type_name(i.type), ir_op_name(i.op));
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
      default: break;
    }
    if (ir_is_guard(i.op) && i.snap < ir.snaps.size()) {
      const Snapshot& s = ir.snaps[i.snap];
      out += fmt::format("  -> snap {} (ip {}{}", i.snap, s.resume_ip,
                         s.resume_ip < chunk.ops.size() ? std::string(" ") + std::string(op_name(chunk.ops[s.resume_ip].op))
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
      out += "]";
    }
    out += "\n";
  }
  return out;
}

}  // namespace fusevm::jit::trace
