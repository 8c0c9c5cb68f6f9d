// The .fvm disassembler: prints a chunk as assembly text (docs/formats.md, "The disassembler")
// that assemble() turns back into an identical chunk — every field, including what a frontend
// would never produce (duplicate names, line tables of another length, targets past the end).
//
// Neither values nor sub-chunks are printed recursively: values go through a frame stack and
// sub-chunks through a list of open chunks, so any depth a C++ caller can build is printable.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "asm_text.h"
#include "asm_values.h"
#include "fusevm/code_tables.h"
#include "fusevm/formats.h"

namespace fusevm {
namespace {

constexpr size_t kIndentPerLevel = 4;
constexpr size_t kMaxIndentLevels = 8;   // deeper sub-chunks stop moving right
constexpr size_t kInstrIndent = 8;       // instructions start here; shorter labels share the line
constexpr size_t kCommentColumn = 40;    // comments line up here (relative to the indent)
constexpr size_t kMaxCommentValue = 60;  // longer values in comments are cut
constexpr size_t kLinesPerDirective = 16;

// PREFIX followed by a number. (Built by appending: GCC 12 warns falsely about
// `"literal" + std::string` at -O2.)
std::string tagged(std::string_view prefix, uint64_t n) {
  std::string out(prefix);
  out += std::to_string(n);
  return out;
}

// At most kMaxCommentValue bytes of `text`, cut at a character boundary.
std::string shorten(std::string text) {
  if (text.size() <= kMaxCommentValue) return text;
  size_t cut = kMaxCommentValue;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "...";
}

std::string value_comment(const Value& v) {
  std::string text;
  fvm::append_value(text, v, kMaxCommentValue);
  return shorten(std::move(text));
}

class Writer {
 public:
  // Everything of one chunk except its sub-chunks.
  void chunk_body(const Chunk& c, size_t depth) {
    chunk_ = &c;
    depth_ = depth;
    index_names();
    find_labels();

    std::string text = ".source ";
    fvm::append_quoted(text, c.source);
    line(text);
    for (size_t i = 0; i < c.names.size(); ++i) {
      text = ".name ";
      append_name_literal(text, c.names[i]);
      line(text, tagged("#", i));
    }
    for (size_t i = 0; i < c.constants.size(); ++i) {
      text = ".const ";
      fvm::append_value(text, c.constants[i]);
      line(text, tagged("#", i));
    }
    for (const SubEntry& e : c.sub_entries)
      line(".sub " + name_ref(e.name) + " " + target_ref(e.ip));
    for (size_t i = 0; i < c.block_ranges.size(); ++i) {
      const BlockRange& b = c.block_ranges[i];
      text = ".block ";
      text += target_ref(b.start) + " " + target_ref(b.end);
      line(text, tagged("#", i));
    }
    // One line per op is written with .line where it changes; any other table explicitly.
    const bool per_op_lines = !c.ops.empty() && c.lines.size() == c.ops.size();
    if (!per_op_lines && !(c.ops.empty() && c.lines.empty())) {
      if (c.lines.empty()) line(".lines");
      for (size_t i = 0; i < c.lines.size(); i += kLinesPerDirective) {
        text = ".lines";
        for (size_t k = i; k < c.lines.size() && k < i + kLinesPerDirective; ++k)
          text += tagged(" ", c.lines[k]);
        line(text);
      }
    }
    if (c.ops.empty() && !labeled_[0]) return;
    out_ += '\n';
    for (size_t ip = 0; ip <= c.ops.size(); ++ip) {
      if (per_op_lines && ip < c.ops.size() && (ip == 0 || c.lines[ip] != c.lines[ip - 1]))
        line(tagged(".line ", c.lines[ip]));
      std::string label = labeled_[ip] ? tagged("L", ip) + ":" : "";
      if (ip == c.ops.size()) {
        if (!label.empty()) line(label);
        break;
      }
      std::string comment;
      std::string instr = instruction(c.ops[ip], comment);
      if (label.size() >= kInstrIndent) {
        line(label);
        label.clear();
      }
      label.resize(kInstrIndent, ' ');
      line(label + instr, comment);
    }
  }

  void line(std::string_view text, std::string_view comment = {}) {
    const size_t indent = std::min(depth_, kMaxIndentLevels) * kIndentPerLevel;
    const size_t start = out_.size();
    out_.append(indent, ' ');
    out_ += text;
    if (!comment.empty()) {
      const size_t used = out_.size() - start;
      out_.append(used + 2 <= indent + kCommentColumn ? indent + kCommentColumn - used : 2, ' ');
      out_ += "; ";
      out_ += comment;
    }
    out_ += '\n';
  }

  // Each op's text and comment, as chunk_body() would print them (labels resolved the same way).
  std::vector<std::string> op_lines(const Chunk& c) {
    chunk_ = &c;
    index_names();
    find_labels();
    std::vector<std::string> lines;
    lines.reserve(c.ops.size());
    for (const Instr& ins : c.ops) {
      std::string comment;
      std::string text = instruction(ins, comment);
      if (!comment.empty()) text += "  ; " + comment;
      lines.push_back(std::move(text));
    }
    return lines;
  }

  void set_depth(size_t depth) { depth_ = depth; }
  void blank() { out_ += '\n'; }
  std::string take() { return std::move(out_); }

 private:
  void index_names() {
    first_name_.clear();
    for (size_t i = 0; i < chunk_->names.size(); ++i) first_name_.try_emplace(chunk_->names[i], i);
  }

  // Every op index something points at (jump targets, sub entries, block bounds) gets a label.
  void find_labels() {
    const Chunk& c = *chunk_;
    labeled_.assign(c.ops.size() + 1, false);
    auto mark = [&](uint64_t at) {
      if (at <= c.ops.size()) labeled_[at] = true;
    };
    for (const Instr& ins : c.ops) {
      if (!is_valid_op(static_cast<uint8_t>(ins.op))) continue;
      for (size_t k = 0; k < ins.operand_count(); ++k)
        if (ins.operand_kind(k) == OperandKind::Target) mark(ins.raw(k));
    }
    for (const SubEntry& e : c.sub_entries) mark(e.ip);
    for (const BlockRange& b : c.block_ranges) {
      mark(b.start);
      mark(b.end);
    }
  }

  static void append_name_literal(std::string& out, std::string_view name) {
    if (fvm::is_identifier(name))
      out += name;
    else
      fvm::append_quoted(out, name);
  }

  // A name-pool index as the assembler resolves it: by text when the text's first occurrence is
  // this index, otherwise raw.
  std::string name_ref(uint64_t index) const {
    if (index < chunk_->names.size()) {
      const std::string& name = chunk_->names[index];
      if (first_name_.at(name) == index) {
        std::string out;
        append_name_literal(out, name);
        return out;
      }
    }
    return tagged("#", index);
  }

  std::string target_ref(uint64_t target) const {
    return target < labeled_.size() ? tagged("L", target) : tagged("#", target);
  }

  std::string instruction(const Instr& ins, std::string& comment) const {
    const auto opcode = static_cast<uint8_t>(ins.op);
    if (!is_valid_op(opcode)) {
      comment = "not an op of this build's op table; this line will not assemble";
      return tagged("<opcode ", opcode) + ">";
    }
    const OpInfo& in = ins.info();
    std::string text(in.name);
    auto note = [&](const std::string& what) {
      if (!comment.empty()) comment += ", ";
      comment += what;
    };
    for (size_t k = 0; k < in.operand_count; ++k) {
      const OperandKind kind = in.operands[k];
      const uint64_t raw = ins.raw(k);
      text += ' ';
      switch (kind) {
        case OperandKind::Target:
          text += target_ref(raw);
          continue;
        case OperandKind::Const:
          text += tagged("#", raw);
          note(raw < chunk_->constants.size() ? value_comment(chunk_->constants[raw])
                                              : "no such constant");
          continue;
        case OperandKind::Name:
        case OperandKind::Func: {
          std::string ref = name_ref(raw);
          if (ref[0] == '#' && raw < chunk_->names.size()) {
            std::string quoted;
            fvm::append_quoted(quoted, chunk_->names[raw]);
            note(shorten(std::move(quoted)));
          }
          text += ref;
          continue;
        }
        case OperandKind::Block:
        case OperandKind::SubChunk:
          text += tagged("#", raw);
          continue;
        case OperandKind::F64:
          fvm::append_float(text, ins.f64(k));
          continue;
        default:
          break;
      }
      std::string_view code = code_name(kind, raw);
      if (!code.empty())
        text += code;
      else if (operand_is_signed(kind))
        text += std::to_string(ins.integer(k));
      else
        text += std::to_string(raw);
    }
    return text;
  }

  const Chunk* chunk_ = nullptr;
  size_t depth_ = 0;
  std::unordered_map<std::string_view, size_t> first_name_;
  std::vector<bool> labeled_;
  std::string out_;
};

}  // namespace

std::vector<std::string> disassemble_ops(const Chunk& chunk) { return Writer().op_lines(chunk); }

std::string disassemble(const Chunk& chunk) {
  Writer writer;
  writer.chunk_body(chunk, 0);
  struct Open {
    const Chunk* chunk;
    size_t next_sub;
  };
  std::vector<Open> open{{&chunk, 0}};
  while (!open.empty()) {
    const size_t depth = open.size() - 1;
    Open& o = open.back();
    if (o.next_sub < o.chunk->sub_chunks.size()) {
      const size_t i = o.next_sub++;
      const Chunk& sub = o.chunk->sub_chunks[i];
      writer.blank();
      writer.set_depth(depth);
      writer.line(".subchunk", tagged("sub-chunk #", i));
      writer.chunk_body(sub, depth + 1);
      open.push_back(Open{&sub, 0});  // `o` is not used past this point
    } else {
      open.pop_back();
      if (!open.empty()) {
        writer.set_depth(depth - 1);
        writer.line(".end");
      }
    }
  }
  return writer.take();
}

}  // namespace fusevm
