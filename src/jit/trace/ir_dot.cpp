// A trace's IR as a Graphviz cluster (`fusevm run --trace-dot`): the trace as a graph of
// straight-line runs, so that its guards, exits, side paths and back edge can be seen at once.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "jit/trace/ir.h"
#include "support/dot_text.h"

namespace fusevm::jit::trace {

namespace {

// A part of the trace drawn as its own cluster: the pre-roll, the loop body or one side path.
struct Part {
  Ref begin = 0, end = 0;
  std::string title;
  const SideSegment* side = nullptr;
  size_t first_box = 0, box_count = 0;
};

// A straight-line run of instructions; a guard, when there is one, is its last instruction.
struct Box {
  std::vector<Ref> ins;
};

class TraceDot {
 public:
  TraceDot(const TraceIr& ir, const Chunk& chunk, const std::string& id) : ir_(ir), chunk_(chunk), id_(id) {}

  std::string draw(const std::string& title) {
    split_into_parts();
    for (Part& p : parts_) split_into_boxes(p);
    line(1, "subgraph cluster_" + id_ + " {");
    line(2, "label=" + dot_quoted(title) + "; style=rounded; color=gray40;");
    for (size_t k = 0; k < parts_.size(); ++k) draw_part(k);
    draw_exits();
    line(1, "}");
    draw_edges();
    return std::move(out_);
  }

 private:
  void line(size_t indent, std::string_view text) {
    out_.append(2 * indent, ' ');
    out_ += text;
    out_ += '\n';
  }

  std::string box_node(size_t b) const { return id_ + "_b" + std::to_string(b); }
  std::string exit_node(uint32_t snap) const { return id_ + "_x" + std::to_string(snap); }

  void split_into_parts() {
    const Ref main_end = main_path_end(ir_);
    if (ir_.loop != kNoRef && ir_.loop < main_end) {
      parts_.push_back({0, ir_.loop, "pre-roll (first iteration)"});
      parts_.push_back({ir_.loop + 1, main_end, "loop body"});
      body_ = 1;
    } else {
      parts_.push_back({0, main_end, "loop body"});
      body_ = 0;
    }
    for (size_t k = 0; k < ir_.sides.size(); ++k) {
      const SideSegment& s = ir_.sides[k];
      const Ref end = std::min<Ref>(s.end, static_cast<Ref>(ir_.ins.size()));
      parts_.push_back({std::min(s.begin, end), end,
                        fmt::format("side path {} from snap {} (depth {})", k, s.parent_snap, s.depth), &s});
    }
  }

  void split_into_boxes(Part& p) {
    p.first_box = boxes_.size();
    Box current;
    for (Ref r = p.begin; r < p.end; ++r) {
      if (ir_.ins[r].op == IrOp::Nop) continue;
      current.ins.push_back(r);
      if (ir_is_guard(ir_.ins[r].op)) {
        boxes_.push_back(std::move(current));
        current = {};
      }
    }
    if (!current.ins.empty() || boxes_.size() == p.first_box) boxes_.push_back(std::move(current));
    p.box_count = boxes_.size() - p.first_box;
  }

  void draw_part(size_t k) {
    const Part& p = parts_[k];
    line(2, "subgraph cluster_" + id_ + "_p" + std::to_string(k) + " {");
    line(3, "label=" + dot_quoted(p.title) + "; style=dashed; color=gray60;");
    for (size_t b = p.first_box; b < p.first_box + p.box_count; ++b) {
      std::string label;
      for (Ref r : boxes_[b].ins) {
        append_dot_text(label, ins_text(ir_, r));
        label += "\\l";  // left-justified line (added after escaping: it is DOT syntax)
      }
      if (label.empty()) label = "(no instructions)";
      line(3, box_node(b) + " [label=\"" + label + "\"];");
    }
    line(2, "}");
  }

  // The side path growing from an exit, or nullptr when the exit leaves the trace.
  const Part* side_from(uint32_t snap) const {
    for (const Part& p : parts_)
      if (p.side != nullptr && p.side->parent_snap == snap) return &p;
    return nullptr;
  }

  void draw_exits() {
    for (const Box& box : boxes_) {
      if (box.ins.empty()) continue;
      const IrIns& last = ir_.ins[box.ins.back()];
      if (!ir_is_guard(last.op) || last.snap >= ir_.snaps.size() || side_from(last.snap) != nullptr) continue;
      std::string label = "exit: ";
      append_dot_text(label, snap_text(ir_, last.snap, chunk_));
      const bool loop_exit = ir_.snaps[last.snap].loop_exit;
      line(2, exit_node(last.snap) + " [label=\"" + label + "\", shape=ellipse" +
                  (loop_exit ? ", color=darkgreen" : ", color=red") + "];");
    }
  }

  void edge(const std::string& from, const std::string& to, std::string_view attrs) {
    line(1, from + " -> " + to + (attrs.empty() ? ";" : " [" + std::string(attrs) + "];"));
  }

  void draw_edges() {
    const Part& body = parts_[body_];
    for (size_t k = 0; k < parts_.size(); ++k) {
      const Part& p = parts_[k];
      for (size_t b = p.first_box; b < p.first_box + p.box_count; ++b) {
        const Box& box = boxes_[b];
        const bool ends_part = b + 1 == p.first_box + p.box_count;
        bool falls_through = true;
        if (!box.ins.empty()) {
          const IrIns& last = ir_.ins[box.ins.back()];
          if (last.op == IrOp::Exit) falls_through = false;
          if (ir_is_guard(last.op) && last.snap < ir_.snaps.size()) {
            if (const Part* side = side_from(last.snap)) {
              edge(box_node(b), box_node(side->first_box),
                   "label=\"side\", style=dashed, color=darkorange, fontcolor=darkorange");
            } else {
              const char* why = last.op == IrOp::LoopCheck ? "interrupt or fuel"
                                : last.op == IrOp::Exit      ? "leaves"
                                                             : "guard fails";
              if (ir_.snaps[last.snap].loop_exit)
                edge(box_node(b), exit_node(last.snap),
                     "label=\"loop exit\", style=dashed, color=darkgreen, fontcolor=darkgreen");
              else
                edge(box_node(b), exit_node(last.snap),
                     fmt::format("label=\"{}\", style=dashed, color=red, fontcolor=red", why));
            }
          }
        }
        if (!falls_through) continue;
        if (!ends_part) {
          edge(box_node(b), box_node(b + 1), "");
        } else if (k == body_) {
          edge(box_node(b), box_node(body.first_box), "label=\"back edge\", style=bold");
        } else if (p.side == nullptr) {
          edge(box_node(b), box_node(body.first_box), "label=\"enter loop\"");
        } else if (p.side->rejoins) {
          edge(box_node(b), box_node(body.first_box), "label=\"rejoin\", style=bold, color=darkorange");
        }
      }
    }
  }

  const TraceIr& ir_;
  const Chunk& chunk_;
  const std::string& id_;
  std::vector<Part> parts_;
  std::vector<Box> boxes_;
  size_t body_ = 0;
  std::string out_;
};

}  // namespace

std::string ir_dot(const TraceIr& ir, const Chunk& chunk, const std::string& id, const std::string& title) {
  return TraceDot(ir, chunk, id).draw(title);
}

}  // namespace fusevm::jit::trace
