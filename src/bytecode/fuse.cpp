// The fusion pass (fuse.h): parses the patterns of fuse.def once, then rewrites a chunk's matching
// sequences, longest pattern first, repeating until nothing changes.
#include "fusevm/fuse.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <string>

#include "fuse_types.h"
#include "support/split.h"
#include "fusevm/verifier.h"

namespace fusevm {
namespace {

// ── Patterns ──

struct Token {
  enum class Kind : uint8_t { Var, Label, Literal } kind = Kind::Var;
  int index = 0;      // variable number, or label number
  int64_t value = 0;  // Literal
};

struct Step {
  Op op = Op::Nop;
  std::vector<Token> operands;
};

struct Condition {
  enum class Kind : uint8_t { Int, Str, I32, Distinct } kind = Kind::Int;
  int a = 0, b = 0;  // variables
};

struct Pattern {
  Op fused = Op::Nop;
  std::vector<Step> steps;
  std::vector<int> label_at;  // label number -> step index (steps.size() for the end)
  std::vector<Condition> conditions;
  Step replacement;
  int variables = 0;
};

using detail::split_fields;
using detail::split_words;

// fuse.def is ours and fixed at build time, so a malformed entry is a programming error; the
// tests parse every entry.
Pattern parse_pattern(Op fused, std::string_view sequence, std::string_view conditions,
                      std::string_view replacement) {
  Pattern p;
  p.fused = fused;
  std::map<std::string, int> vars, labels;
  auto var = [&](const std::string& w) {
    auto [it, inserted] = vars.try_emplace(w, static_cast<int>(vars.size()));
    return it->second;
  };
  auto label = [&](const std::string& w) {
    auto [it, inserted] = labels.try_emplace(w, static_cast<int>(labels.size()));
    if (inserted) p.label_at.push_back(-1);
    return it->second;
  };
  auto parse_step = [&](const std::vector<std::string>& w) {
    Step step;
    step.op = *op_from_name(w[0]);
    for (size_t i = 1; i < w.size(); ++i) {
      Token t;
      if (w[i][0] == '@') {
        t.kind = Token::Kind::Label;
        t.index = label(w[i]);
      } else if (w[i][0] != '$') {
        t.kind = Token::Kind::Literal;
        t.value = std::stoll(w[i]);
      } else {
        t.index = var(w[i]);
      }
      step.operands.push_back(t);
    }
    return step;
  };
  for (const std::string& part : split_fields(sequence, ';')) {
    std::vector<std::string> w = split_words(part);
    while (!w.empty() && w[0].back() == ':') {  // label definitions before an instruction
      p.label_at[static_cast<size_t>(label(w[0].substr(0, w[0].size() - 1)))] =
          static_cast<int>(p.steps.size());
      w.erase(w.begin());
    }
    if (!w.empty()) p.steps.push_back(parse_step(w));
  }
  for (const std::string& part : split_fields(conditions, ';')) {
    std::vector<std::string> w = split_words(part);
    if (w.empty()) continue;
    Condition c;
    c.kind = w[0] == "int" ? Condition::Kind::Int
             : w[0] == "str" ? Condition::Kind::Str
             : w[0] == "i32" ? Condition::Kind::I32
                             : Condition::Kind::Distinct;
    c.a = var(w[1]);
    if (w.size() > 2) c.b = var(w[2]);
    p.conditions.push_back(c);
  }
  p.replacement = parse_step(split_words(replacement));
  p.variables = static_cast<int>(vars.size());
  return p;
}

const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> all = [] {
    std::vector<Pattern> v;
#define FUSEVM_FUSE(fused, sequence, conditions, replacement) \
  v.push_back(parse_pattern(Op::fused, sequence, conditions, replacement));
#include "fusevm/fuse.def"
#undef FUSEVM_FUSE
    // Longest first, so a whole loop wins over the pieces it contains.
    std::stable_sort(v.begin(), v.end(),
                     [](const Pattern& a, const Pattern& b) { return a.steps.size() > b.steps.size(); });
    return v;
  }();
  return all;
}

// ── Matching ──

struct Match {
  const Pattern* pattern = nullptr;
  std::vector<uint64_t> values;
};

class Fuser {
 public:
  Fuser(const Chunk& chunk, uint32_t slot_count)
      : chunk_(chunk), types_(detail::analyze_slot_types(chunk, slot_count)), landing_(chunk.ops.size() + 1, 0) {
    // How many jumps (and entries, and block boundaries) land on each op.
    for (const Instr& ins : chunk.ops)
      for (size_t i = 0; i < ins.operand_count(); ++i)
        if (ins.operand_kind(i) == OperandKind::Target && ins.raw(i) < landing_.size()) ++landing_[ins.raw(i)];
    for (const SubEntry& e : chunk.sub_entries)
      if (e.ip < landing_.size()) ++landing_[e.ip];
    for (const BlockRange& r : chunk.block_ranges) {
      if (r.start < landing_.size()) landing_[r.start] += kBoundary;
      if (r.end < landing_.size()) landing_[r.end] += kBoundary;
    }
  }

  std::optional<Match> match_at(size_t p, const Pattern& pat) const {
    const std::vector<Instr>& ops = chunk_.ops;
    if (p + pat.steps.size() > ops.size()) return std::nullopt;
    Match m;
    m.pattern = &pat;
    m.values.assign(static_cast<size_t>(pat.variables), 0);
    std::vector<bool> bound(static_cast<size_t>(pat.variables), false);
    size_t internal_jumps_to_interior[64] = {};  // per step: landings from the pattern itself
    for (size_t k = 0; k < pat.steps.size(); ++k) {
      const Instr& ins = ops[p + k];
      const Step& step = pat.steps[k];
      if (ins.op != step.op) return std::nullopt;
      for (size_t i = 0; i < step.operands.size(); ++i) {
        const Token& t = step.operands[i];
        const uint64_t v = ins.raw(i);
        if (t.kind == Token::Kind::Label) {
          const auto at = static_cast<size_t>(pat.label_at[static_cast<size_t>(t.index)]);
          if (v != p + at) return std::nullopt;
          if (at > 0 && at < pat.steps.size()) ++internal_jumps_to_interior[at];
          continue;
        }
        if (t.kind == Token::Kind::Literal) {
          if (ins.integer(i) != t.value) return std::nullopt;
          continue;
        }
        const auto var = static_cast<size_t>(t.index);
        if (bound[var] && m.values[var] != v) return std::nullopt;
        bound[var] = true;
        m.values[var] = v;
      }
    }
    // No one but the sequence itself may land inside it.
    for (size_t k = 1; k < pat.steps.size(); ++k)
      if (landing_[p + k] != internal_jumps_to_interior[k]) return std::nullopt;
    // A jump operand bound to a variable must not land inside the sequence either.
    for (size_t k = 0; k < pat.steps.size(); ++k) {
      const Instr& ins = ops[p + k];
      for (size_t i = 0; i < ins.operand_count(); ++i) {
        if (ins.operand_kind(i) != OperandKind::Target) continue;
        if (pat.steps[k].operands[i].kind == Token::Kind::Label) continue;
        const uint64_t t = ins.raw(i);
        if (t > p && t < p + pat.steps.size()) return std::nullopt;
      }
    }
    const std::vector<detail::SlotType>& types = types_[p];
    for (const Condition& c : pat.conditions) {
      const uint64_t a = m.values[static_cast<size_t>(c.a)];
      switch (c.kind) {
        case Condition::Kind::Int:
          if (a >= types.size() || types[a] != detail::SlotType::Int) return std::nullopt;
          break;
        case Condition::Kind::Str:
          if (a >= types.size() || types[a] != detail::SlotType::Str) return std::nullopt;
          break;
        case Condition::Kind::I32: {
          const auto v = static_cast<int64_t>(a);
          if (v < INT32_MIN || v > INT32_MAX) return std::nullopt;
          break;
        }
        case Condition::Kind::Distinct:
          if (a == m.values[static_cast<size_t>(c.b)]) return std::nullopt;
          break;
      }
    }
    return m;
  }

 private:
  static constexpr size_t kBoundary = 1 << 20;  // never matched by a count of pattern jumps
  const Chunk& chunk_;
  std::vector<std::vector<detail::SlotType>> types_;
  std::vector<size_t> landing_;
};

Instr build_replacement(const Match& m) {
  const Step& r = m.pattern->replacement;
  Instr ins(r.op);
  for (size_t i = 0; i < r.operands.size(); ++i) ins.set_raw(i, m.values[static_cast<size_t>(r.operands[i].index)]);
  return ins;
}

// One pass over a chunk (not its sub-chunks). Returns true if anything was rewritten.
bool fuse_once(Chunk& chunk, uint32_t slot_count, FuseReport& report) {
  const size_t n = chunk.ops.size();
  if (n == 0) return false;
  Fuser fuser(chunk, slot_count);
  std::vector<Instr> ops;
  std::vector<uint32_t> lines;
  std::vector<uint64_t> new_index(n + 1, 0);
  bool changed = false;
  for (size_t p = 0; p < n;) {
    std::optional<Match> m;
    for (const Pattern& pat : patterns())
      if ((m = fuser.match_at(p, pat))) break;
    const size_t length = m ? m->pattern->steps.size() : 1;
    for (size_t k = 0; k < length; ++k) new_index[p + k] = ops.size();
    if (p < chunk.lines.size()) lines.push_back(chunk.lines[p]);
    else if (!chunk.lines.empty() && chunk.lines.size() >= n) lines.push_back(0);
    if (m) {
      ops.push_back(build_replacement(*m));
      ++report.rewrites;
      ++report.by_op[static_cast<size_t>(m->pattern->fused)];
      changed = true;
    } else {
      ops.push_back(chunk.ops[p]);
    }
    p += length;
  }
  if (!changed) return false;
  new_index[n] = ops.size();
  auto remap = [&](uint64_t t) { return t <= n ? new_index[t] : ops.size() + (t - n); };
  for (Instr& ins : ops)
    for (size_t i = 0; i < ins.operand_count(); ++i)
      if (ins.operand_kind(i) == OperandKind::Target) ins.set_raw(i, remap(ins.raw(i)));
  for (SubEntry& e : chunk.sub_entries) e.ip = remap(e.ip);
  for (BlockRange& r : chunk.block_ranges) {
    r.start = remap(r.start);
    r.end = remap(r.end);
  }
  // A line table that was one per op stays one per op; a shorter one keeps what it covered.
  if (chunk.lines.size() >= n) {
    chunk.lines = std::move(lines);
  } else {
    std::vector<uint32_t> kept;
    for (size_t p = 0; p < n && p < chunk.lines.size(); ++p)
      if (p == 0 || new_index[p] != new_index[p - 1]) kept.push_back(chunk.lines[p]);
    chunk.lines = std::move(kept);
  }
  chunk.ops = std::move(ops);
  return true;
}

void fuse_recursive(Chunk& chunk, FuseReport& report, uint32_t depth) {
  const uint32_t slot_count = verify_chunk(chunk, VerifyOptions{false, false}).slot_count;
  for (int round = 0; round < 8 && fuse_once(chunk, slot_count, report); ++round) {
  }
  if (depth < 256)
    for (Chunk& sub : chunk.sub_chunks) fuse_recursive(sub, report, depth + 1);
}

}  // namespace

Chunk fuse_chunk(Chunk chunk, FuseReport* report) {
  FuseReport local;
  FuseReport& r = report != nullptr ? *report : local;
  fuse_recursive(chunk, r, 0);
  chunk.refresh_content_hash();
  return chunk;
}

}  // namespace fusevm
