// `fusevm ops`: lists the op table; `--markdown` writes the op reference (docs/ops.md).
//
// Everything printed comes from the compiled-in tables (ops.def, operand_kinds.def, fuse.def,
// awk_ids.def), so the reference cannot drift from the code: CTest `ops_doc` regenerates it and
// fails when docs/ops.md differs. The only hand-written parts are the section titles (ops.def
// groups ops with comments, which the X-macro does not see) and the legends below.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_common.h"
#include "fusevm/op.h"

namespace fusevm::cli {
namespace {

struct Section {
  Op first;  // the section runs from this op to the next section's first op
  std::string_view title;
};

// The groups of ops.def, in table order.
constexpr Section kSections[] = {
    {Op::Nop, "Constants"},
    {Op::Pop, "Stack"},
    {Op::GetVar, "Variables and slots"},
    {Op::GetArray, "Arrays (globals, by name-pool index)"},
    {Op::GetHash, "Hashes (globals, by name-pool index; keys are to_str of the key)"},
    {Op::Add, "Arithmetic (Int x Int wraps; anything else goes through to_float)"},
    {Op::Concat, "Strings"},
    {Op::NumEq, "Numeric comparison (Int x Int exact, otherwise to_float)"},
    {Op::StrEq, "String comparison (bytewise on to_str)"},
    {Op::LogNot, "Logical and bitwise"},
    {Op::Jump, "Control flow (targets are absolute op indices; a target of ops.size() ends the run)"},
    {Op::Call, "Functions"},
    {Op::PushFrame, "Scope"},
    {Op::Print, "I/O"},
    {Op::Range, "Collections"},
    {Op::MapBlock, "Higher-order blocks (the block runs in the current frame)"},
    {Op::PreIncSlot, "Fused superinstructions"},
    {Op::CallBuiltin, "Builtins and extension points"},
    {Op::Exec, "Shell (routed to the ShellHost)"},
    {Op::AwkFieldGet, "Awk vocabulary (routed to the AwkHost)"},
    {Op::PowFloat, "Float math"},
};

constexpr bool sections_in_order() {
  if (kSections[0].first != static_cast<Op>(0)) return false;
  for (size_t i = 1; i < std::size(kSections); ++i)
    if (kSections[i].first <= kSections[i - 1].first) return false;
  return true;
}
static_assert(sections_in_order(), "kSections must start at op 0 and follow the op table's order");

struct FlagDoc {
  uint32_t bit;
  std::string_view name;
  std::string_view meaning;
};

constexpr FlagDoc kFlagDocs[] = {
    {opflag::kPure, "pure", "no side effects: the result depends only on the popped values"},
    {opflag::kBranch, "branch", "conditional jump: goes to its target or falls through"},
    {opflag::kJump, "jump", "unconditional jump to its target"},
    {opflag::kNoFallthrough, "no-fallthrough", "control never reaches the next op directly"},
    {opflag::kCall, "call", "may enter a sub of this chunk"},
    {opflag::kReturn, "return", "leaves the current frame"},
    {opflag::kCallsHost, "host", "calls embedder code (a handler, the shell host or the awk host)"},
    {opflag::kMayFail, "may-fail", "may raise a run-time error besides stack underflow and out of memory"},
    {opflag::kFused, "fused", "a superinstruction; the fusion table below lists what it replaces"},
    {opflag::kBlockOp, "block-op", "runs a block from block_ranges"},
    {opflag::kSlotRead, "slot-read", "reads a frame slot"},
    {opflag::kSlotWrite, "slot-write", "writes a frame slot"},
    {opflag::kIO, "io", "reads stdin or writes stdout"},
    {opflag::kShell, "shell", "one of the shell ops"},
    {opflag::kAwk, "awk", "part of the awk vocabulary"},
};
// The JIT bits get their own column; every other bit an op uses must have a legend entry.
constexpr uint32_t kJitBits = opflag::kJitLinear | opflag::kJitBlock | opflag::kJitTrace;

constexpr bool every_flag_documented() {
  uint32_t documented = kJitBits;
  for (const FlagDoc& f : kFlagDocs) documented |= f.bit;
  for (const OpInfo& in : kOpTable)
    if ((in.flags & ~documented) != 0) return false;
  return true;
}
static_assert(every_flag_documented(), "an op flag has no entry in kFlagDocs");

struct OperandDoc {
  std::string_view kind;
  size_t bytes;
  std::string_view meaning;
};
constexpr OperandDoc kOperandDocs[] = {
#define FUSEVM_OPERAND(kind, ctype, doc) {#kind, sizeof(ctype), doc},
#include "fusevm/operand_kinds.def"
#undef FUSEVM_OPERAND
};

struct FuseDoc {
  Op fused;
  std::string_view sequence, preconditions;
};
constexpr FuseDoc kFuseDocs[] = {
#define FUSEVM_FUSE(fused, sequence, preconditions, replacement) {Op::fused, sequence, preconditions},
#include "fusevm/fuse.def"
#undef FUSEVM_FUSE
};

std::string_view rule_text(EffectRule rule) {
  switch (rule) {
    case EffectRule::Fixed:
      return "";
    case EffectRule::TakeUpTo:
      return "up to n → 1 (takes what the frame holds, at most n)";
    case EffectRule::PopsOperand:
      return "n → 0";
    case EffectRule::PopsOperandPush1:
      return "n → 1";
    case EffectRule::OptionalOne:
      return "(n ≠ 0 ? 1 : 0) → 1";
    case EffectRule::CallLike:
      return "argc → 0 or 1 (the callee decides)";
    case EffectRule::Unknown:
      return "decided by the handler";
    case EffectRule::ExtendedWide:
      return "as the awk op for an awk id; otherwise decided by the handler";
    case EffectRule::ExpandParam:
      return "name + the modifier's arguments → 1";
    case EffectRule::Getline:
      return "the source's file or command (if it has one) → 1";
  }
  return "";
}

std::string effect_text(const OpInfo& in) {
  if (in.effect.rule == EffectRule::Fixed)
    return std::to_string(in.effect.pops) + " → " + std::to_string(in.effect.pushes);
  return std::string(rule_text(in.effect.rule));
}

std::string operands_text(const OpInfo& in) {
  std::string out;
  for (size_t i = 0; i < in.operand_count; ++i) {
    if (i > 0) out += ", ";
    out += operand_kind_name(in.operands[i]);
  }
  return out;
}

std::string flags_text(const OpInfo& in) {
  std::string out;
  for (const FlagDoc& f : kFlagDocs) {
    if (!in.has(f.bit)) continue;
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

// A markdown table cell: '|' would end the cell, and a code span keeps `*` and `[...]` literal.
std::string code_cell(std::string_view text) {
  if (text.empty()) return "";
  std::string out = "`";
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out + "`";
}

std::string markdown() {
  std::ostringstream md;
  md << "# Op reference\n\n"
     << "<!-- Generated by `fusevm ops --markdown` from include/fusevm/ops.def, operand_kinds.def,\n"
     << "     fuse.def and awk_ids.def. Do not edit: regenerate with `cmake --build BUILD --target\n"
     << "     ops_doc` (CTest `ops_doc` fails when this file is stale). -->\n\n"
     << "fusevm has " << kOpCount << " ops. Each instruction is 16 bytes: the opcode (the number in the\n"
     << "first column, which binary chunks store) and up to four operands. Stack effects are written\n"
     << "`pops → pushes`; the stack notation `[... a b] -> [... c]` has the top of the stack on the\n"
     << "right. The JIT column says which tiers compile the op (linear, block); which of those the trace\n"
     << "tier records is explained in [jit.md](jit.md#the-trace-tier). Names are the JSON tags and\n"
     << "assembly mnemonics ([formats.md](formats.md)).\n\n";

  md << "## Sections\n\n";
  for (size_t s = 0; s < std::size(kSections); ++s)
    md << "* [" << kSections[s].title << "](#s" << s + 1 << ")\n";
  md << "* [Operand kinds](#operand-kinds)\n* [Flags](#flags)\n* [Fusion rewrites](#fusion-rewrites)\n\n";

  for (size_t s = 0; s < std::size(kSections); ++s) {
    const size_t begin = static_cast<size_t>(kSections[s].first);
    const size_t end = s + 1 < std::size(kSections) ? static_cast<size_t>(kSections[s + 1].first) : kOpCount;
    md << "<a id=\"s" << s + 1 << "\"></a>\n\n## " << kSections[s].title << "\n\n"
       << "| # | op | operands | stack | JIT | flags | semantics |\n"
       << "|---:|---|---|---|---|---|---|\n";
    for (size_t i = begin; i < end; ++i) {
      const OpInfo& in = kOpTable[i];
      std::string jit;
      if (in.has(opflag::kJitLinear)) jit = "linear";
      if (in.has(opflag::kJitBlock)) jit += jit.empty() ? "block" : ", block";
      std::string flags = flags_text(in);
      if (auto id = awk_id_for_op(static_cast<Op>(i))) flags += (flags.empty() ? "id " : ", id ") + std::to_string(*id);
      md << "| " << i << " | `" << in.name << "` | " << operands_text(in) << " | " << effect_text(in) << " | "
         << jit << " | " << flags << " | " << code_cell(in.doc) << " |\n";
    }
    md << "\n";
  }

  md << "## Operand kinds\n\n"
     << "Each operand has a kind, which fixes its width and tells the verifier, assembler and\n"
     << "disassembler what the number refers to.\n\n"
     << "| kind | bytes | meaning |\n|---|---:|---|\n";
  for (const OperandDoc& k : kOperandDocs) md << "| `" << k.kind << "` | " << k.bytes << " | " << k.meaning << " |\n";

  md << "\n## Flags\n\n"
     << "`id N` in the flags column is the op's ExtendedWide id (awk_ids.def): `ExtendedWide N, payload`\n"
     << "behaves exactly like the op.\n\n"
     << "| flag | meaning |\n|---|---|\n";
  for (const FlagDoc& f : kFlagDocs) md << "| " << f.name << " | " << f.meaning << " |\n";

  md << "\n## Fusion rewrites\n\n"
     << "The sequences automatic fusion (`ChunkBuilder::build()`, `fusevm run --fuse`) replaces with\n"
     << "each fused op, longest first, where the preconditions are proved (fuse.def explains the\n"
     << "syntax: `$x` operand variables, `@X:` positions, `int $s` a slot proved to hold an Int).\n\n"
     << "| fused op | sequence | preconditions |\n|---|---|---|\n";
  for (const FuseDoc& f : kFuseDocs)
    md << "| `" << op_name(f.fused) << "` | " << code_cell(f.sequence) << " | " << code_cell(f.preconditions)
       << " |\n";
  return md.str();
}

std::string plain_list() {
  std::ostringstream out;
  for (size_t i = 0; i < kOpCount; ++i) {
    const OpInfo& in = kOpTable[i];
    out << i << '\t' << in.name << '\t' << operands_text(in) << '\t' << effect_text(in) << '\t' << in.doc
        << '\n';
  }
  return out.str();
}

}  // namespace

Runner add_ops_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("ops", "List the op table: opcode, name, operand kinds, stack effect and "
                                        "semantics, one op a line, tab-separated");
  auto md = std::make_shared<bool>(false);
  auto out = std::make_shared<std::string>();
  cmd->add_flag("--markdown", *md, "Write the op reference (docs/ops.md) instead");
  cmd->add_option("-o,--output", *out, "Write to this file instead of stdout");
  return [md, out]() -> int {
    const std::string text = *md ? markdown() : plain_list();
    if (out->empty()) {
      std::cout << text;
      std::cout.flush();
      if (!std::cout) return fail("writing to stdout failed");
      return kExitOk;
    }
    std::ofstream file(*out, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) return fail("cannot write " + *out);
    return kExitOk;
  };
}

}  // namespace fusevm::cli
