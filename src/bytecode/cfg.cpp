// The control-flow graph of a chunk (basic blocks, edges, routines) and its Graphviz rendering.
// For people and tools; the interpreter and the JIT tiers do not use it.
#include "fusevm/cfg.h"

#include <algorithm>
#include <set>
#include <utility>

#include "fusevm/formats.h"
#include "support/dot_text.h"

namespace fusevm {
namespace {

constexpr uint32_t kUnowned = kCfgExit;
// Sub-chunks nested deeper than this are summarised by one node: Graphviz lays out deep
// cluster nesting badly, and the limit keeps the recursion below bounded for any chunk.
constexpr size_t kMaxDotDepth = 32;

// The table entry of a valid op; nullptr for a byte that is not an op of this build (a chunk
// built in C++ may hold one: the interpreter refuses it, so it ends its block with no edge).
const OpInfo* info_of(const Instr& ins) {
  return is_valid_op(static_cast<uint8_t>(ins.op)) ? &op_info(ins.op) : nullptr;
}

bool ends_block(const OpInfo& in) {
  return in.has(opflag::kBranch) || in.has(opflag::kJump) || in.has(opflag::kNoFallthrough) ||
         in.has(opflag::kReturn);
}

uint64_t target_of(const Instr& ins) {
  for (size_t i = 0; i < ins.operand_count(); ++i)
    if (ins.operand_kind(i) == OperandKind::Target) return ins.raw(i);
  return 0;
}

// Where a routine's code may go before it has left: [lo, hi). The top level and subs run in the
// chunk's main code unit (a target at or past the end ends the run); a block body runs in its
// own unit, which any target outside its range finishes.
struct Bounds {
  uint64_t lo = 0;
  uint64_t hi = 0;
  bool contains(uint64_t ip) const { return ip >= lo && ip < hi; }
};

class CfgBuilder {
 public:
  explicit CfgBuilder(const Chunk& chunk) : chunk_(chunk), n_(chunk.ops.size()) {}

  ControlFlowGraph build() {
    split_blocks();
    add_routines();
    claim();
    return std::move(g_);
  }

 private:
  void split_blocks() {
    std::vector<bool> leader(n_ + 1, false);
    auto mark = [&](uint64_t ip) {
      if (ip < n_) leader[ip] = true;
    };
    mark(0);
    for (const SubEntry& e : chunk_.sub_entries) mark(e.ip);
    for (const BlockRange& r : chunk_.block_ranges) {
      if (!(r.start < r.end && r.end <= n_)) continue;  // never runs (the verifier rejects it)
      mark(r.start);
      mark(r.end);
    }
    for (uint64_t ip = 0; ip < n_; ++ip) {
      const OpInfo* in = info_of(chunk_.ops[ip]);
      if (in == nullptr) {
        mark(ip + 1);
        continue;
      }
      if (in->has(opflag::kBranch) || in->has(opflag::kJump)) mark(target_of(chunk_.ops[ip]));
      if (ends_block(*in)) mark(ip + 1);
    }
    for (uint64_t ip = 0; ip < n_; ++ip) {
      if (leader[ip]) g_.blocks.push_back(CfgBlock{ip, ip, kUnowned, {}});
      g_.blocks.back().end = ip + 1;
    }
  }

  void add_routines() {
    g_.routines.push_back(CfgRoutine{CfgRoutineKind::Main, 0, {}, 0, {}});
    bounds_.push_back(Bounds{0, n_});
    for (const SubEntry& e : chunk_.sub_entries) {
      // Only the first entry of a name is ever entered; an entry past the end ends the run.
      if (chunk_.find_sub(e.name) != e.ip || e.ip >= n_) continue;
      auto same = std::find_if(g_.routines.begin(), g_.routines.end(), [&](const CfgRoutine& r) {
        return r.kind == CfgRoutineKind::Sub && r.entry == e.ip;
      });
      if (same != g_.routines.end()) {
        same->names.push_back(e.name);
        continue;
      }
      g_.routines.push_back(CfgRoutine{CfgRoutineKind::Sub, e.ip, {e.name}, 0, {}});
      bounds_.push_back(Bounds{0, n_});
    }
    for (size_t i = 0; i < chunk_.block_ranges.size(); ++i) {
      const BlockRange& r = chunk_.block_ranges[i];
      if (!(r.start < r.end && r.end <= n_)) continue;  // never runs (the verifier rejects it)
      g_.routines.push_back(CfgRoutine{CfgRoutineKind::BlockBody, r.start, {}, static_cast<uint32_t>(i), {}});
      bounds_.push_back(Bounds{r.start, r.end});
    }
  }

  // Each routine first takes its own entry block, so that code falling into a sub's entry is
  // drawn as an edge into the sub rather than swallowing it; then each takes what it reaches.
  void claim() {
    const size_t entered = g_.routines.size();
    for (uint32_t r = 0; r < entered; ++r) {
      if (n_ == 0) break;
      const uint32_t b = g_.block_at(g_.routines[r].entry);
      if (g_.blocks[b].routine == kUnowned) g_.blocks[b].routine = r;
    }
    for (uint32_t r = 0; r < entered; ++r) {
      if (n_ == 0) break;
      const uint32_t entry = g_.block_at(g_.routines[r].entry);
      if (g_.blocks[entry].routine != r) continue;
      std::vector<uint32_t> work{entry};
      while (!work.empty()) {
        const uint32_t b = work.back();
        work.pop_back();
        connect(b, bounds_[r]);
        for (const CfgEdge& e : g_.blocks[b].edges) {
          if (e.kind == CfgEdgeKind::Call || e.kind == CfgEdgeKind::BlockBody || e.to == kCfgExit) continue;
          if (g_.blocks[e.to].routine != kUnowned) continue;
          g_.blocks[e.to].routine = r;
          work.push_back(e.to);
        }
      }
    }
    uint32_t unreachable = kUnowned;
    for (uint32_t b = 0; b < g_.blocks.size(); ++b) {
      if (g_.blocks[b].routine != kUnowned) continue;
      if (unreachable == kUnowned) {
        unreachable = static_cast<uint32_t>(g_.routines.size());
        g_.routines.push_back(CfgRoutine{CfgRoutineKind::Unreachable, 0, {}, 0, {}});
      }
      g_.blocks[b].routine = unreachable;
      connect(b, Bounds{0, n_});
    }
    for (uint32_t b = 0; b < g_.blocks.size(); ++b) g_.routines[g_.blocks[b].routine].blocks.push_back(b);
  }

  // The edges of block b as code running within `bounds` sees them.
  void connect(uint32_t b, Bounds bounds) {
    CfgBlock& block = g_.blocks[b];
    auto to = [&](uint64_t ip) { return bounds.contains(ip) ? g_.block_at(ip) : kCfgExit; };
    for (uint64_t ip = block.start; ip < block.end; ++ip) {
      const Instr& ins = chunk_.ops[ip];
      const OpInfo* in = info_of(ins);
      if (in == nullptr) continue;
      if (ins.op == Op::Call || ins.op == Op::CallFunction) {
        const auto sub = chunk_.find_sub(static_cast<uint16_t>(ins.raw(0)));
        if (sub && *sub < n_) block.edges.push_back(CfgEdge{CfgEdgeKind::Call, g_.block_at(*sub), ip});
      }
      if (in->has(opflag::kBlockOp)) {
        const uint64_t i = ins.raw(0);
        if (i < chunk_.block_ranges.size()) {
          const BlockRange& r = chunk_.block_ranges[i];
          if (r.start < r.end && r.end <= n_)
            block.edges.push_back(CfgEdge{CfgEdgeKind::BlockBody, g_.block_at(r.start), ip});
        }
      }
    }
    const uint64_t last = block.end - 1;
    const OpInfo* in = info_of(chunk_.ops[last]);
    if (in == nullptr) return;
    if (in->has(opflag::kBranch)) {
      block.edges.push_back(CfgEdge{CfgEdgeKind::Taken, to(target_of(chunk_.ops[last])), last});
      block.edges.push_back(CfgEdge{CfgEdgeKind::Fallthrough, to(block.end), last});
    } else if (in->has(opflag::kJump)) {
      block.edges.push_back(CfgEdge{CfgEdgeKind::Jump, to(target_of(chunk_.ops[last])), last});
    } else if (!in->has(opflag::kNoFallthrough) && !in->has(opflag::kReturn)) {
      block.edges.push_back(CfgEdge{CfgEdgeKind::Fallthrough, to(block.end), last});
    }
  }

  const Chunk& chunk_;
  const uint64_t n_;
  ControlFlowGraph g_;
  std::vector<Bounds> bounds_;  // per routine, parallel to g_.routines (entered ones only)
};

// ── DOT ──

class DotWriter {
 public:
  std::string take() { return std::move(out_); }

  void graph(const Chunk& chunk) {
    out_ += "digraph fusevm {\n";
    out_ += "  graph [fontname=\"monospace\", fontsize=11, labelloc=t, label=" +
            dot_quoted(chunk.source.empty() ? "<chunk>" : chunk.source) + "];\n";
    out_ += "  node [shape=box, fontname=\"monospace\", fontsize=10];\n";
    out_ += "  edge [fontname=\"monospace\", fontsize=9];\n";
    body(chunk, "c", 1);
    out_ += "}\n";
  }

 private:
  void line(size_t indent, std::string_view text) {
    out_.append(2 * indent, ' ');
    out_ += text;
    out_ += '\n';
  }

  // One chunk's routines (as clusters), its edges, then its sub-chunks as nested clusters.
  // `id` prefixes every node name, so that sub-chunks' blocks never collide.
  void body(const Chunk& chunk, const std::string& id, size_t indent) {
    const ControlFlowGraph g = build_cfg(chunk);
    const std::vector<std::string> text = disassemble_ops(chunk);
    const size_t ip_width = std::to_string(chunk.ops.empty() ? 0 : chunk.ops.size() - 1).size();
    auto node = [&](uint32_t b) { return id + "_b" + std::to_string(b); };
    std::set<uint32_t> ends;  // routines with an edge that leaves their code

    for (uint32_t r = 0; r < g.routines.size(); ++r) {
      const CfgRoutine& routine = g.routines[r];
      if (routine.blocks.empty()) continue;
      line(indent, "subgraph cluster_" + id + "_r" + std::to_string(r) + " {");
      line(indent + 1, "label=" + dot_quoted(routine_title(chunk, routine)) + "; style=rounded; color=gray60;");
      for (uint32_t b : routine.blocks) {
        std::string label;
        for (uint64_t ip = g.blocks[b].start; ip < g.blocks[b].end; ++ip) {
          std::string ip_text = std::to_string(ip);
          label.append(ip_width - ip_text.size(), ' ');
          label += ip_text + "  ";
          append_dot_text(label, text[ip]);
          label += "\\l";  // left-justified line (added after escaping: it is DOT syntax)
        }
        line(indent + 1, node(b) + " [label=\"" + label + "\"];");
      }
      line(indent, "}");
    }
    if (chunk.ops.empty()) line(indent, id + "_empty [label=\"(no ops)\", shape=plaintext];");

    std::set<std::pair<uint32_t, uint32_t>> calls;  // one dashed edge per (block, callee)
    for (uint32_t b = 0; b < g.blocks.size(); ++b) {
      const uint32_t r = g.blocks[b].routine;
      for (const CfgEdge& e : g.blocks[b].edges) {
        std::string to;
        if (e.to == kCfgExit) {
          ends.insert(r);
          to = end_node(id, g.routines[r], r);
        } else {
          to = node(e.to);
        }
        std::string attrs;
        switch (e.kind) {
          case CfgEdgeKind::Fallthrough:
            break;
          case CfgEdgeKind::Taken:
            attrs = "label=\"taken\", color=darkgreen, fontcolor=darkgreen";
            break;
          case CfgEdgeKind::Jump:
            // A jump back to an earlier block closes a loop: drawn bold so loops stand out.
            if (e.to != kCfgExit && g.blocks[e.to].start <= g.blocks[b].start) attrs = "style=bold";
            break;
          case CfgEdgeKind::Call:
            if (!calls.insert({b, e.to}).second) continue;
            attrs = "label=\"call\", style=dashed, color=blue, fontcolor=blue";
            break;
          case CfgEdgeKind::BlockBody:
            attrs = "label=\"block\", style=dashed, color=purple, fontcolor=purple";
            break;
        }
        line(indent, node(b) + " -> " + to + (attrs.empty() ? ";" : " [" + attrs + "];"));
      }
    }
    bool run_end = false;
    for (uint32_t r : ends) {
      if (g.routines[r].kind == CfgRoutineKind::BlockBody) {
        line(indent, end_node(id, g.routines[r], r) + " [label=\"block #" +
                         std::to_string(g.routines[r].block_range) + " done\", shape=ellipse];");
      } else {
        run_end = true;
      }
    }
    if (run_end) line(indent, id + "_end [label=\"end of run\", shape=ellipse, style=dashed];");

    for (size_t i = 0; i < chunk.sub_chunks.size(); ++i) {
      const std::string sub_id = id + "_" + std::to_string(i);
      if (indent > kMaxDotDepth) {
        line(indent, sub_id + " [label=\"sub-chunk #" + std::to_string(i) +
                         " (nested too deep to draw)\", shape=note];");
        continue;
      }
      line(indent, "subgraph cluster_" + sub_id + " {");
      line(indent + 1, "label=\"sub-chunk #" + std::to_string(i) + "\"; style=dashed; color=gray40;");
      body(chunk.sub_chunks[i], sub_id, indent + 1);
      line(indent, "}");
    }
  }

  static std::string end_node(const std::string& id, const CfgRoutine& routine, uint32_t r) {
    if (routine.kind == CfgRoutineKind::BlockBody) return id + "_r" + std::to_string(r) + "_done";
    return id + "_end";
  }

  static std::string routine_title(const Chunk& chunk, const CfgRoutine& routine) {
    switch (routine.kind) {
      case CfgRoutineKind::Main:
        return "main";
      case CfgRoutineKind::Sub: {
        std::string title = "sub ";
        for (size_t i = 0; i < routine.names.size(); ++i) {
          if (i > 0) title += ", ";
          const std::string_view name = chunk.name_at(routine.names[i]);
          title += name.empty() ? "#" + std::to_string(routine.names[i]) : std::string(name);
        }
        return title;
      }
      case CfgRoutineKind::BlockBody: {
        const BlockRange& r = chunk.block_ranges[routine.block_range];
        return "block #" + std::to_string(routine.block_range) + " [" + std::to_string(r.start) + ", " +
               std::to_string(r.end) + ")";
      }
      case CfgRoutineKind::Unreachable:
        return "unreachable";
    }
    return "";
  }

  std::string out_;
};

}  // namespace

uint32_t ControlFlowGraph::block_at(uint64_t ip) const noexcept {
  auto it = std::upper_bound(blocks.begin(), blocks.end(), ip,
                             [](uint64_t at, const CfgBlock& b) { return at < b.start; });
  if (it == blocks.begin()) return kCfgExit;
  --it;
  return ip < it->end ? static_cast<uint32_t>(it - blocks.begin()) : kCfgExit;
}

ControlFlowGraph build_cfg(const Chunk& chunk) { return CfgBuilder(chunk).build(); }

std::string cfg_to_dot(const Chunk& chunk) {
  DotWriter writer;
  writer.graph(chunk);
  return writer.take();
}

}  // namespace fusevm
