// The verifier's operand and table checks (see verifier.h); the stack analysis is in
// stack_check.cpp.
#include "fusevm/verifier.h"

#include "fusevm/code_tables.h"
#include "verifier_internal.h"

namespace fusevm {
namespace detail {

void VerifyContext::report(Severity severity, size_t ip, const std::string& what) {
  if (options.strict) severity = Severity::Error;
  std::string where = ip == Diagnostic::kNoIp
                          ? (chunk.source.empty() ? std::string("<chunk>") : chunk.source)
                          : format_location(chunk, ip);
  if (!path.empty()) where += " in " + path;
  out.push_back(Diagnostic{severity, path, ip, where + ": " + what});
}

namespace {

std::string pool_size(size_t n) { return "(the pool has " + std::to_string(n) + ")"; }

std::string describe_name(const Chunk& chunk, uint64_t idx) {
  std::string out(idx < chunk.names.size() ? "'" : "#");
  if (idx < chunk.names.size()) {
    out += chunk.names[idx];
    out += '\'';
  } else {
    out += std::to_string(idx);
  }
  return out;
}

void check_operand(VerifyContext& cx, size_t ip, const Instr& ins, size_t i) {
  const Chunk& c = cx.chunk;
  const uint64_t v = ins.raw(i);
  const std::string n = std::to_string(v);
  switch (ins.operand_kind(i)) {
    case OperandKind::Const:
      if (v >= c.constants.size())
        cx.report(Severity::Warning, ip,
                  "constant #" + n + " does not exist " + pool_size(c.constants.size()) +
                      "; it reads as Undef");
      break;
    case OperandKind::Name:
      if (v >= c.names.size())
        cx.report(Severity::Warning, ip,
                  "name #" + n + " does not exist " + pool_size(c.names.size()));
      break;
    case OperandKind::Func:
      if (!c.find_sub(static_cast<uint16_t>(v)))
        cx.report(Severity::Warning, ip,
                  "undefined function: " + (v < c.names.size() ? c.names[v] : std::string("?")) +
                      " (no sub entry for name #" + n + "; the call fails if it runs)");
      break;
    case OperandKind::Target:
      if (v > c.ops.size())
        cx.report(Severity::Warning, ip,
                  "jump target " + n + " is past the end of the chunk (" +
                      std::to_string(c.ops.size()) + " ops); the jump ends the run");
      break;
    case OperandKind::Block:
      if (v >= c.block_ranges.size())
        cx.report(Severity::Error, ip,
                  "block #" + n + " does not exist (the chunk has " +
                      std::to_string(c.block_ranges.size()) + " block ranges)");
      break;
    case OperandKind::SubChunk:
      if (v >= c.sub_chunks.size())
        cx.report(Severity::Warning, ip,
                  "sub-chunk #" + n + " does not exist (the chunk has " +
                      std::to_string(c.sub_chunks.size()) + ")");
      break;
    case OperandKind::FileTest:
    case OperandKind::RedirOp:
    case OperandKind::ParamMod:
    case OperandKind::GetlineKind:
    case OperandKind::Signal:
      if (code_name(ins.operand_kind(i), v).empty())
        cx.report(Severity::Warning, ip,
                  "unknown " + std::string(operand_kind_name(ins.operand_kind(i))) + " code " + n);
      break;
    case OperandKind::ExtId:
      if (ins.op == Op::ExtendedWide && is_awk_id(v) && !awk_op_for_id(static_cast<uint16_t>(v)))
        cx.report(Severity::Error, ip,
                  "no awk op has id " + n + " (ids 40000..40999 are reserved for the awk ops)");
      break;
    case OperandKind::Slot:
      cx.slot_count = std::max<uint32_t>(cx.slot_count, static_cast<uint32_t>(v) + 1);
      break;
    default:
      break;
  }
}

void check_tables(VerifyContext& cx) {
  const Chunk& c = cx.chunk;
  for (size_t i = 0; i < c.sub_entries.size(); ++i) {
    const SubEntry& e = c.sub_entries[i];
    const std::string which = "sub entry " + std::to_string(i) + " (" + describe_name(c, e.name) + ")";
    if (e.name >= c.names.size())
      cx.report(Severity::Warning, Diagnostic::kNoIp,
                which + ": name #" + std::to_string(e.name) + " does not exist " +
                    pool_size(c.names.size()));
    if (e.ip > c.ops.size())
      cx.report(Severity::Warning, Diagnostic::kNoIp,
                which + ": entry ip " + std::to_string(e.ip) + " is past the end of the chunk (" +
                    std::to_string(c.ops.size()) + " ops)");
  }
  for (size_t b = 0; b < c.block_ranges.size(); ++b) {
    const BlockRange& r = c.block_ranges[b];
    const std::string which = "block #" + std::to_string(b) + " [" + std::to_string(r.start) +
                              ", " + std::to_string(r.end) + ")";
    if (r.start > r.end || r.end > c.ops.size()) {
      cx.report(Severity::Error, Diagnostic::kNoIp,
                which + " is not a range of this chunk's " + std::to_string(c.ops.size()) + " ops");
      continue;
    }
    // Control may leave a block only by finishing it.
    for (uint64_t ip = r.start; ip < r.end; ++ip) {
      const Instr& ins = c.ops[ip];
      if (ins.info().has(opflag::kReturn))
        cx.report(Severity::Error, ip, "returns from inside " + which);
      for (size_t i = 0; i < ins.operand_count(); ++i) {
        if (ins.operand_kind(i) != OperandKind::Target) continue;
        uint64_t t = ins.raw(i);
        if (t < r.start || t > r.end)
          cx.report(Severity::Error, ip,
                    "jumps to " + std::to_string(t) + ", outside " + which);
      }
    }
  }
}

void verify_one(const Chunk& chunk, const VerifyOptions& options, const std::string& path,
                std::vector<Diagnostic>& out, VerifyReport* top, uint32_t depth) {
  VerifyContext cx{chunk, options, path, out};
  for (size_t ip = 0; ip < chunk.ops.size(); ++ip) {
    const Instr& ins = chunk.ops[ip];
    for (size_t i = 0; i < ins.operand_count(); ++i) check_operand(cx, ip, ins, i);
  }
  check_tables(cx);
  if (options.check_stack) check_stack(cx);
  if (top != nullptr) {
    top->slot_count = cx.slot_count;
    top->stack_proven = options.check_stack && cx.stack_proven;
  }
  // Loaders bound nesting; a chunk built in memory could nest arbitrarily, so stop descending
  // rather than recurse without limit.
  constexpr uint32_t kMaxDepth = 1024;
  for (size_t i = 0; i < chunk.sub_chunks.size(); ++i) {
    std::string sub_path = (path.empty() ? "" : path + ".") + "sub_chunks[" + std::to_string(i) + "]";
    if (depth >= kMaxDepth) {
      out.push_back(Diagnostic{Severity::Error, sub_path, Diagnostic::kNoIp,
                               sub_path + ": sub-chunks nest deeper than " + std::to_string(kMaxDepth)});
      return;
    }
    verify_one(chunk.sub_chunks[i], options, sub_path, out, nullptr, depth + 1);
  }
}

}  // namespace
}  // namespace detail

size_t VerifyReport::error_count() const noexcept {
  size_t n = 0;
  for (const Diagnostic& d : diagnostics) n += d.severity == Severity::Error;
  return n;
}

size_t VerifyReport::warning_count() const noexcept {
  return diagnostics.size() - error_count();
}

Status VerifyReport::to_status() const {
  const size_t errors = error_count();
  if (errors == 0) return Status();
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::Error) continue;
    std::string msg = d.message;
    if (errors > 1) msg += " (and " + std::to_string(errors - 1) + " more errors)";
    return Status(ErrorCode::VerifyFailed, msg);
  }
  return Status();
}

std::string VerifyReport::format() const {
  std::string out;
  for (Severity s : {Severity::Error, Severity::Warning}) {
    for (const Diagnostic& d : diagnostics) {
      if (d.severity != s) continue;
      out += s == Severity::Error ? "error: " : "warning: ";
      out += d.message;
      out += '\n';
    }
  }
  return out;
}

VerifyReport verify_chunk(const Chunk& chunk, const VerifyOptions& options) {
  VerifyReport report;
  try {
    detail::verify_one(chunk, options, "", report.diagnostics, &report, 0);
  } catch (const std::bad_alloc&) {
    report.diagnostics.push_back(Diagnostic{Severity::Error, "", Diagnostic::kNoIp,
                                            "out of memory while verifying the chunk"});
  }
  return report;
}

}  // namespace fusevm
