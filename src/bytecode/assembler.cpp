// The .fvm assembler: turns assembly text (docs/formats.md, "Assembly text") into a Chunk.
//
// One pass over the lines, with no recursion anywhere: `.subchunk` pushes a fresh chunk state and
// `.end` pops it into its parent, and container values are built on an explicit stack, so no
// input can exhaust the C++ stack whatever LoadLimits allow. Labels and symbols may be used
// before they are defined; such uses are recorded as fixups and resolved when their chunk ends.
// Every operand layout question (how many operands, their kinds, widths and signedness) is
// answered by the op table.
#include <bit>
#include <string>
#include <unordered_map>
#include <vector>

#include "asm_text.h"
#include "asm_values.h"
#include "fusevm/code_tables.h"
#include "fusevm/formats.h"

namespace fusevm {
namespace {

using fvm::describe_token;
using fvm::IntegerText;
using fvm::NumberStatus;

// The four symbol namespaces of a chunk. Operand kinds say which one a word is looked up in, so
// a label and a constant may share a name.
enum class SymbolKind : uint8_t { Label, Const, Block, SubChunk };
constexpr const char* kSymbolWhat[] = {"label", "constant symbol", "block symbol",
                                       "sub-chunk symbol"};

struct Location {
  size_t line = 0;
  size_t column = 0;
};

struct Symbol {
  uint64_t value = 0;
  size_t line = 0;  // where it was defined, for duplicate-definition messages
};

// Where the value of a symbol goes once its chunk is complete.
enum class FixupSlot : uint8_t { Operand, SubEntryIp, BlockStart, BlockEnd };

struct Fixup {
  SymbolKind kind = SymbolKind::Label;
  FixupSlot slot = FixupSlot::Operand;
  uint8_t operand = 0;
  size_t index = 0;       // the op, sub entry or block range the value belongs to
  std::string_view name;  // points into the text, which outlives the assembler
  Location where;
};

// A reference as written: a raw #N, or a symbol name to resolve later.
struct Reference {
  bool raw = false;
  uint64_t value = 0;
  std::string_view name;
  Location where;
};

// Auto: each op gets its physical line. Directive: `.line` has been seen. Table: `.lines`.
enum class LineMode : uint8_t { Auto, Directive, Table };

struct ChunkState {
  Chunk chunk;
  LineMode line_mode = LineMode::Auto;
  uint32_t current_line = 0;
  bool has_source = false;
  std::vector<uint32_t> line_table;
  std::unordered_map<std::string_view, Symbol> symbols[4];  // keys point into the text
  std::unordered_map<std::string, size_t> first_name;       // text -> its first index in the pool
  std::vector<Fixup> fixups;
  Location opened;  // the .subchunk directive of a nested chunk
};

std::string operand_description(const OpInfo& in, size_t i) {
  return "operand " + std::to_string(i + 1) + " of " + std::string(in.name) + " (" +
         std::string(operand_kind_name(in.operands[i])) + ", " +
         fvm::operand_type_name(in.operands[i]) + ")";
}

std::string operand_list(const OpInfo& in) {
  if (in.operand_count == 0) return "no operands";
  std::string out =
      std::to_string(in.operand_count) + (in.operand_count == 1 ? " operand (" : " operands (");
  for (size_t i = 0; i < in.operand_count; ++i) {
    if (i > 0) out += ", ";
    out += operand_kind_name(in.operands[i]);
  }
  return out + ")";
}

// A hint for the most common slip: the right op name in the wrong case.
std::string op_name_hint(std::string_view word) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const OpInfo& in : kOpTable) {
    if (in.name.size() != word.size()) continue;
    bool same = true;
    for (size_t i = 0; i < word.size() && same; ++i) same = lower(in.name[i]) == lower(word[i]);
    if (same) return " (did you mean '" + std::string(in.name) + "'? op names are case-sensitive)";
  }
  return "";
}

class Assembler {
 public:
  Assembler(std::string_view source_name, const LoadLimits& limits)
      : source_name_(source_name), limits_(limits) {}

  Result<Chunk> run(std::string_view text) {
    // A byte-order mark is an editor artefact, not part of the first line.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    push_chunk(Location{});
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_no_;
      cur_ = fvm::LineCursor(line);
      FUSEVM_RETURN_IF_ERROR(statement());
      start = end + 1;
    }
    if (stack_.size() > 1)
      return error_at(stack_.back().opened, ".subchunk is never closed (missing .end)");
    FUSEVM_RETURN_IF_ERROR(finish(stack_.back()));
    Chunk chunk = std::move(stack_.back().chunk);
    chunk.refresh_content_hash();
    return chunk;
  }

 private:
  // ── Errors and locations ──

  Location here(size_t pos) const { return Location{line_no_, cur_.column(pos)}; }
  Status error_at(Location loc, const std::string& what) const {
    return Status(ErrorCode::ParseError, source_name_ + ":" + std::to_string(loc.line) + ":" +
                                             std::to_string(loc.column) + ": " + what);
  }
  Status error(size_t pos, const std::string& what) const { return error_at(here(pos), what); }
  Status expect_end(std::string_view after) {
    if (cur_.at_end()) return Status();
    return error(cur_.pos(), "unexpected " + cur_.describe_next() + " after " + std::string(after));
  }

  ChunkState& top() { return stack_.back(); }

  void push_chunk(Location opened) {
    stack_.emplace_back();
    stack_.back().chunk.source = source_name_;
    stack_.back().opened = opened;
  }

  // ── Statements ──

  Status statement() {
    for (;;) {
      if (cur_.at_end()) return Status();
      const size_t at = cur_.pos();
      std::string_view word = cur_.read_word();
      if (word.empty())
        return error(at,
                     "expected a label, directive or instruction, found " + cur_.describe_next());
      if (word.size() > 1 && word.back() == ':') {
        std::string_view name = word.substr(0, word.size() - 1);
        if (!fvm::is_identifier(name))
          return error(
              at, describe_token(name) + " is not a valid label name (a label is an identifier)");
        FUSEVM_RETURN_IF_ERROR(define(SymbolKind::Label, name, top().chunk.ops.size(), at));
        continue;  // more labels, or the statement they label, may follow
      }
      if (word[0] == '.') return directive(word, at);
      return instruction(word, at);
    }
  }

  Status define(SymbolKind kind, std::string_view name, uint64_t value, size_t at) {
    auto [it, inserted] =
        top().symbols[static_cast<size_t>(kind)].try_emplace(name, Symbol{value, line_no_});
    if (!inserted)
      return error(at, std::string("duplicate ") + kSymbolWhat[static_cast<size_t>(kind)] + " " +
                           describe_token(name) + " (first defined on line " +
                           std::to_string(it->second.line) + ")");
    return Status();
  }

  // ── Directives ──

  Status directive(std::string_view word, size_t at) {
    if (word == ".source") return directive_source();
    if (word == ".name") return directive_name();
    if (word == ".const") return directive_const();
    if (word == ".sub") return directive_sub();
    if (word == ".block") return directive_block();
    if (word == ".subchunk") return directive_subchunk(at);
    if (word == ".end") return directive_end(at);
    if (word == ".line") return directive_line(at);
    if (word == ".lines") return directive_lines(at);
    return error(at, "unknown directive " + describe_token(word) +
                         " (.source, .name, .const, .sub, .block, .subchunk, .end, .line, .lines)");
  }

  Status directive_source() {
    const size_t at = cur_.skip_space();
    std::string text;
    FUSEVM_RETURN_IF_ERROR(read_string(text));
    if (top().has_source) return error(at, "a chunk has one .source; this is the second");
    top().has_source = true;
    top().chunk.source = std::move(text);
    return expect_end(".source");
  }

  Status directive_name() {
    std::string name;
    FUSEVM_RETURN_IF_ERROR(read_name(name, "after .name"));
    ChunkState& st = top();
    st.first_name.try_emplace(name, st.chunk.names.size());
    st.chunk.names.push_back(std::move(name));
    return expect_end(".name");
  }

  // `SYMBOL =` before a value or range; leaves the cursor at what follows.
  Status optional_symbol(SymbolKind kind, uint64_t value) {
    const size_t at = cur_.skip_space();
    std::string_view word = cur_.read_word();
    if (!cur_.consume('=')) {
      cur_.set_pos(at);
      return Status();
    }
    if (word.empty()) return error(at, "expected a symbol before '='");
    if (!fvm::is_identifier(word))
      return error(at, describe_token(word) + " is not a valid symbol (a symbol is an identifier)");
    if (kind == SymbolKind::Const && fvm::value_type_from_keyword(word))
      return error(at, describe_token(word) + " is a value type and cannot name a constant");
    return define(kind, word, value, at);
  }

  Status directive_const() {
    FUSEVM_RETURN_IF_ERROR(optional_symbol(SymbolKind::Const, top().chunk.constants.size()));
    Value v;
    FUSEVM_RETURN_IF_ERROR(read_value(v));
    top().chunk.constants.push_back(std::move(v));
    return expect_end("the constant");
  }

  Status directive_sub() {
    SubEntry entry;
    const size_t at = cur_.skip_space();
    if (cur_.peek() == '#') {
      FUSEVM_ASSIGN_OR_RETURN(uint64_t index, read_raw(2, "the name of .sub (u16)"));
      entry.name = static_cast<uint16_t>(index);
    } else {
      std::string name;
      FUSEVM_RETURN_IF_ERROR(read_name(name, "after .sub"));
      size_t index = intern(name);
      if (index > UINT16_MAX)
        return error(at, "name " + describe_token(name) + " is #" + std::to_string(index) +
                             " in the name pool, past what a sub entry holds (u16)");
      entry.name = static_cast<uint16_t>(index);
    }
    FUSEVM_ASSIGN_OR_RETURN(Reference target,
                            read_reference(SymbolKind::Label, "the target of .sub (u64)"));
    ChunkState& st = top();
    entry.ip = target.value;
    if (!target.raw)
      add_fixup(SymbolKind::Label, FixupSlot::SubEntryIp, st.chunk.sub_entries.size(), 0, target);
    st.chunk.sub_entries.push_back(entry);
    return expect_end(".sub");
  }

  Status directive_block() {
    const size_t index = top().chunk.block_ranges.size();
    FUSEVM_RETURN_IF_ERROR(optional_symbol(SymbolKind::Block, index));
    FUSEVM_ASSIGN_OR_RETURN(Reference start,
                            read_reference(SymbolKind::Label, "the start of .block (u64)"));
    FUSEVM_ASSIGN_OR_RETURN(Reference end,
                            read_reference(SymbolKind::Label, "the end of .block (u64)"));
    BlockRange range{start.value, end.value};
    if (!start.raw) add_fixup(SymbolKind::Label, FixupSlot::BlockStart, index, 0, start);
    if (!end.raw) add_fixup(SymbolKind::Label, FixupSlot::BlockEnd, index, 0, end);
    top().chunk.block_ranges.push_back(range);
    return expect_end(".block");
  }

  Status directive_subchunk(size_t at) {
    if (stack_.size() - 1 >= limits_.max_nesting)
      return error(at, "sub-chunks nest deeper than " + std::to_string(limits_.max_nesting) +
                           " (LoadLimits::max_nesting)");
    if (++sub_chunks_made_ > limits_.max_sub_chunks)
      return error(at, "more than " + std::to_string(limits_.max_sub_chunks) +
                           " sub-chunks (LoadLimits::max_sub_chunks)");
    if (!cur_.at_end()) {
      const size_t sym_at = cur_.pos();
      std::string_view word = cur_.read_word();
      if (!fvm::is_identifier(word))
        return error(sym_at, "expected a sub-chunk symbol (an identifier), found " +
                                 (word.empty() ? cur_.describe_next() : describe_token(word)));
      FUSEVM_RETURN_IF_ERROR(
          define(SymbolKind::SubChunk, word, top().chunk.sub_chunks.size(), sym_at));
      FUSEVM_RETURN_IF_ERROR(expect_end(".subchunk"));
    }
    push_chunk(here(at));
    return Status();
  }

  Status directive_end(size_t at) {
    if (stack_.size() == 1) return error(at, ".end without a matching .subchunk");
    FUSEVM_RETURN_IF_ERROR(expect_end(".end"));
    FUSEVM_RETURN_IF_ERROR(finish(top()));
    Chunk done = std::move(top().chunk);
    stack_.pop_back();
    top().chunk.sub_chunks.push_back(std::move(done));
    return Status();
  }

  Status directive_line(size_t at) {
    ChunkState& st = top();
    if (st.line_mode == LineMode::Table)
      return error(at, ".line cannot be mixed with .lines in one chunk");
    FUSEVM_ASSIGN_OR_RETURN(uint32_t line, read_line_number());
    st.line_mode = LineMode::Directive;
    st.current_line = line;
    return expect_end(".line");
  }

  Status directive_lines(size_t at) {
    ChunkState& st = top();
    if (st.line_mode == LineMode::Directive)
      return error(at, ".lines cannot be mixed with .line in one chunk");
    st.line_mode = LineMode::Table;
    while (!cur_.at_end()) {
      FUSEVM_ASSIGN_OR_RETURN(uint32_t line, read_line_number());
      st.line_table.push_back(line);
    }
    return Status();
  }

  Result<uint32_t> read_line_number() {
    const size_t at = cur_.skip_space();
    std::string_view word = cur_.read_word();
    IntegerText n;
    NumberStatus parsed = fvm::parse_integer(word, n);
    if (parsed == NumberStatus::Syntax)
      return error(at, "expected a line number, found " +
                           (word.empty() ? cur_.describe_next() : describe_token(word)));
    auto bits = parsed == NumberStatus::Ok ? fvm::integer_bits(n, 4, false) : std::nullopt;
    if (!bits) return error(at, std::string(word) + " does not fit a line number (u32)");
    return static_cast<uint32_t>(*bits);
  }

  // ── Instructions ──

  Status instruction(std::string_view word, size_t at) {
    auto op = op_from_name(word);
    if (!op) return error(at, "unknown op " + describe_token(word) + op_name_hint(word));
    Instr ins(*op);
    const OpInfo& in = ins.info();
    for (size_t i = 0; i < in.operand_count; ++i) {
      if (cur_.at_end())
        return error(at, std::string(in.name) + " takes " + operand_list(in) + ", found " +
                             std::to_string(i));
      FUSEVM_RETURN_IF_ERROR(operand(ins, i));
    }
    if (!cur_.at_end())
      return error(cur_.pos(), std::string(in.name) + " takes " + operand_list(in) +
                                   "; unexpected " + cur_.describe_next());
    ChunkState& st = top();
    switch (st.line_mode) {
      case LineMode::Auto:
        if (line_no_ > UINT32_MAX)
          return error(
              at, "line " + std::to_string(line_no_) + " is past what the line table holds (u32)");
        st.chunk.lines.push_back(static_cast<uint32_t>(line_no_));
        break;
      case LineMode::Directive:
        st.chunk.lines.push_back(st.current_line);
        break;
      case LineMode::Table:
        break;
    }
    st.chunk.ops.push_back(ins);
    return Status();
  }

  Status operand(Instr& ins, size_t i) {
    const OpInfo& in = ins.info();
    const OperandKind kind = in.operands[i];
    const std::string what = operand_description(in, i);
    const unsigned width = operand_width(kind);
    const size_t at = cur_.skip_space();
    const size_t op_index = top().chunk.ops.size();

    auto symbolic = [&](SymbolKind sk) -> Status {
      FUSEVM_ASSIGN_OR_RETURN(Reference ref, read_reference(sk, what, width));
      if (ref.raw)
        ins.set_raw(i, ref.value);
      else
        add_fixup(sk, FixupSlot::Operand, op_index, static_cast<uint8_t>(i), ref);
      return Status();
    };

    if (cur_.peek() == '#') {
      // Raw bits for every kind (a float's bit pattern for F64).
      FUSEVM_ASSIGN_OR_RETURN(uint64_t bits, read_raw(width, what));
      ins.set_raw(i, bits);
      return Status();
    }
    switch (kind) {
      case OperandKind::Target:
        return symbolic(SymbolKind::Label);
      case OperandKind::Block:
        return symbolic(SymbolKind::Block);
      case OperandKind::SubChunk:
        return symbolic(SymbolKind::SubChunk);
      case OperandKind::Const: {
        std::string_view word = cur_.read_word();
        cur_.set_pos(at);
        if (!fvm::value_type_from_keyword(word)) return symbolic(SymbolKind::Const);
        Value v;
        FUSEVM_RETURN_IF_ERROR(read_value(v));
        ChunkState& st = top();
        const size_t index = st.chunk.constants.size();
        st.chunk.constants.push_back(std::move(v));
        if (!ins.fits(i, static_cast<int64_t>(index)))
          return error(at, "this inline constant is #" + std::to_string(index) +
                               " in the constant pool, which does not fit " + what);
        ins.set_raw(i, index);
        return Status();
      }
      case OperandKind::Name:
      case OperandKind::Func: {
        std::string name;
        FUSEVM_RETURN_IF_ERROR(read_name(name, "for " + what));
        const size_t index = intern(name);
        if (!ins.fits(i, static_cast<int64_t>(index)))
          return error(at, "name " + describe_token(name) + " is #" + std::to_string(index) +
                               " in the name pool, which does not fit " + what);
        ins.set_raw(i, index);
        return Status();
      }
      case OperandKind::F64: {
        std::string_view word = cur_.read_word();
        double f = 0;
        switch (fvm::parse_float(word, f)) {
          case NumberStatus::Ok:
            ins.set_raw(i, std::bit_cast<uint64_t>(f));
            return Status();
          case NumberStatus::Overflow:
            return error(
                at, std::string(word) + " is too large for " + what + "; write inf for infinity");
          case NumberStatus::Syntax:
            break;
        }
        return error(at, "expected a float (2.5, -1e-3, inf, nan) for " + what + ", found " +
                             (word.empty() ? cur_.describe_next() : describe_token(word)));
      }
      default:
        break;
    }
    // The integer kinds, some of which also have named codes.
    std::string_view word = cur_.read_word();
    if (has_code_table(kind)) {
      if (auto code = code_from_name(kind, word)) {
        ins.set_raw(i, *code);
        return Status();
      }
    }
    IntegerText n;
    NumberStatus parsed = fvm::parse_integer(word, n);
    if (parsed == NumberStatus::Syntax) {
      std::string expected = has_code_table(kind) ? "a code name or a number" : "an integer";
      return error(at, "expected " + expected + " for " + what + ", found " +
                           (word.empty() ? cur_.describe_next() : describe_token(word)));
    }
    auto bits = parsed == NumberStatus::Ok ? fvm::integer_bits(n, width, operand_is_signed(kind))
                                           : std::nullopt;
    if (!bits) return error(at, std::string(word) + " does not fit " + what);
    ins.set_raw(i, *bits);
    return Status();
  }

  // `#N`: raw unsigned bits of a field `width` bytes wide.
  Result<uint64_t> read_raw(unsigned width, const std::string& what) {
    const size_t at = cur_.skip_space();
    std::string_view word = cur_.read_word();
    std::string_view digits = word.substr(1);
    IntegerText n;
    NumberStatus parsed = fvm::parse_integer(digits, n);
    if (parsed == NumberStatus::Syntax || n.negative || (!digits.empty() && digits[0] == '+'))
      return error(at, "expected #N (an unsigned decimal or 0x number) for " + what + ", found " +
                           describe_token(word));
    auto bits = parsed == NumberStatus::Ok ? fvm::integer_bits(n, width, false) : std::nullopt;
    if (!bits) return error(at, std::string(digits) + " does not fit " + what);
    return *bits;
  }

  // A symbol of `kind` or #N.
  Result<Reference> read_reference(SymbolKind kind, const std::string& what, unsigned width = 8) {
    const size_t at = cur_.skip_space();
    Reference ref;
    ref.where = here(at);
    if (cur_.peek() == '#') {
      FUSEVM_ASSIGN_OR_RETURN(ref.value, read_raw(width, what));
      ref.raw = true;
      return ref;
    }
    std::string_view word = cur_.read_word();
    if (!fvm::is_identifier(word))
      return error(at, std::string("expected a ") + kSymbolWhat[static_cast<size_t>(kind)] +
                           " or #N for " + what + ", found " +
                           (word.empty() ? cur_.describe_next() : describe_token(word)));
    ref.name = word;
    return ref;
  }

  void add_fixup(SymbolKind kind, FixupSlot slot, size_t index, uint8_t operand,
                 const Reference& ref) {
    top().fixups.push_back(Fixup{kind, slot, operand, index, ref.name, ref.where});
  }

  // An identifier or a quoted string.
  Status read_name(std::string& out, const std::string& where) {
    const size_t at = cur_.skip_space();
    if (cur_.peek() == '"') return read_string(out);
    std::string_view word = cur_.read_word();
    if (!fvm::is_identifier(word))
      return error(at, "expected a name (an identifier or a quoted string) " + where + ", found " +
                           (word.empty() ? cur_.describe_next() : describe_token(word)));
    out = std::string(word);
    return Status();
  }

  Status read_string(std::string& out) {
    fvm::TextError e;
    if (!cur_.read_string(out, e)) return error(e.pos, e.what);
    return Status();
  }

  // A value; as in the JSON and binary readers, the constants of a chunk nested d deep start at
  // depth d.
  Status read_value(Value& out) {
    fvm::TextError e;
    if (!fvm::read_value(cur_, stack_.size() - 1, limits_.max_nesting, out, e))
      return error(e.pos, e.what);
    return Status();
  }

  // The first pool index holding `name`, appending it if there is none.
  size_t intern(const std::string& name) {
    ChunkState& st = top();
    auto [it, inserted] = st.first_name.try_emplace(name, st.chunk.names.size());
    if (inserted) st.chunk.names.push_back(name);
    return it->second;
  }

  // ── End of a chunk ──

  Status finish(ChunkState& st) {
    Chunk& c = st.chunk;
    for (const Fixup& f : st.fixups) {
      const auto& table = st.symbols[static_cast<size_t>(f.kind)];
      auto it = table.find(f.name);
      if (it == table.end())
        return error_at(f.where, std::string("undefined ") +
                                     kSymbolWhat[static_cast<size_t>(f.kind)] + " " +
                                     describe_token(f.name));
      const uint64_t value = it->second.value;
      switch (f.slot) {
        case FixupSlot::Operand: {
          Instr& ins = c.ops[f.index];
          if (f.kind != SymbolKind::Label && !ins.fits(f.operand, static_cast<int64_t>(value)))
            return error_at(f.where, describe_token(f.name) + " is #" + std::to_string(value) +
                                         ", which does not fit " +
                                         operand_description(ins.info(), f.operand));
          ins.set_raw(f.operand, value);
          break;
        }
        case FixupSlot::SubEntryIp:
          c.sub_entries[f.index].ip = value;
          break;
        case FixupSlot::BlockStart:
          c.block_ranges[f.index].start = value;
          break;
        case FixupSlot::BlockEnd:
          c.block_ranges[f.index].end = value;
          break;
      }
    }
    if (st.line_mode == LineMode::Table) c.lines = std::move(st.line_table);
    return Status();
  }

  std::string source_name_;
  const LoadLimits& limits_;
  std::vector<ChunkState> stack_;  // the chunk being assembled is the last one
  fvm::LineCursor cur_{std::string_view()};
  size_t line_no_ = 0;
  uint64_t sub_chunks_made_ = 0;  // at all depths, for LoadLimits::max_sub_chunks
};

}  // namespace

Result<Chunk> assemble(std::string_view text, std::string_view source_name,
                       const LoadLimits& limits) {
  if (text.size() > limits.max_input_bytes)
    return Result<Chunk>(ErrorCode::LimitExceeded,
                         std::string(source_name) + ": input is " + std::to_string(text.size()) +
                             " bytes; the limit is " + std::to_string(limits.max_input_bytes) +
                             " (LoadLimits::max_input_bytes)");
  try {
    Assembler assembler(source_name, limits);
    return assembler.run(text);
  } catch (const std::bad_alloc&) {
    return Result<Chunk>(ErrorCode::OutOfMemory,
                         std::string(source_name) + ": out of memory while assembling");
  }
}

}  // namespace fusevm
