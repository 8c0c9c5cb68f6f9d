// Reads chunks in the original's serde JSON shape (ORIGINAL-BEHAVIOUR.md §4, CHUNK-VM-API.md §3).
//
// The rules are serde's: all eight chunk fields are required and may not repeat, unknown fields
// are ignored, unit ops are strings (or {"Name": null}), one-payload ops are {"Name": payload},
// multi-payload ops are {"Name": [..]} with exactly the right length, integers are range-checked
// against their Rust type and may not be written as floats, and an integer is accepted where a
// float is expected. Errors name the JSON path of the offending element.
//
// nlohmann's SAX parser does the lexing (escapes, UTF-8 validation, exact integers, correctly
// rounded floats); its events drive a pushdown automaton that builds the Chunk directly. There is
// no document tree, so memory stays proportional to the chunk being built — a token as small as
// `1,` never costs a hundred bytes — and nesting is bounded as it is read.
#include <memory>
#include <nlohmann/json.hpp>

#include "fusevm/formats.h"

namespace fusevm {
namespace {

enum class Field : uint8_t { Ops, Constants, Names, Lines, SubEntries, BlockRanges, SubChunks, Source };
constexpr std::string_view kFieldNames[] = {"ops",         "constants",    "names",      "lines",
                                            "sub_entries", "block_ranges", "sub_chunks", "source"};
constexpr int kFieldCount = 8;
constexpr int kNoField = -1;
constexpr int kSkipField = -2;      // an unknown member: its value is ignored
constexpr int kWrappedChunk = -3;   // the "chunk" member of a conformance vector

enum class ValueTag : uint8_t { None, Undef, Bool, Int, Float, Str, Array, Hash, Status, Ref, NativeFn };
constexpr std::pair<std::string_view, ValueTag> kValueTags[] = {
    {"Undef", ValueTag::Undef}, {"Bool", ValueTag::Bool},         {"Int", ValueTag::Int},
    {"Float", ValueTag::Float}, {"Str", ValueTag::Str},           {"Array", ValueTag::Array},
    {"Hash", ValueTag::Hash},   {"Status", ValueTag::Status},     {"Ref", ValueTag::Ref},
    {"NativeFn", ValueTag::NativeFn}};

// What a JSON scalar event carried.
struct Scalar {
  enum class Kind : uint8_t { Null, Bool, Int, UInt, Float, String } kind = Kind::Null;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
  const std::string* text = nullptr;  // String contents, or a Float's source text

  bool is_integer() const { return kind == Kind::Int || kind == Kind::UInt; }
  std::string describe() const {
    switch (kind) {
      case Kind::Null:
        return "null";
      case Kind::Bool:
        return b ? "true" : "false";
      case Kind::Int:
        return std::to_string(i);
      case Kind::UInt:
        return std::to_string(u);
      case Kind::Float:
        return *text;
      case Kind::String:
        return "the string \"" + (text->size() > 40 ? text->substr(0, 40) + "..." : *text) + "\"";
    }
    return "?";
  }
};

enum class FrameKind : uint8_t {
  Chunk, OpList, Op, OpArgs, ValueList, Value, ArrayItems, HashItems, NameList, LineList,
  PairList, Pair, ChunkList
};

struct Frame {
  FrameKind kind;
  size_t index = 0;  // lists and tuples: elements completed so far
  // Chunk
  std::unique_ptr<Chunk> chunk;
  uint32_t fields_seen = 0;
  int pending = kNoField;
  bool document_root = false;
  std::unique_ptr<Chunk> wrapped;  // document mode: the vector's "chunk"
  // Op
  Instr ins;
  bool named = false;
  bool has_payload = false;
  // Value
  ValueTag tag = ValueTag::None;
  Value result;
  // ArrayItems / HashItems
  ValueVector items;
  Value hash;
  std::string key;
  // PairList / Pair
  Field pair_field = Field::SubEntries;
  uint64_t pair[2] = {0, 0};
  // Nesting of sub-chunks and containers at this frame (LoadLimits::max_nesting).
  uint32_t nesting = 0;
};

class Reader : public nlohmann::json_sax<nlohmann::json> {
 public:
  Reader(const LoadLimits& limits, bool document) : limits_(limits), document_(document) {}

  // ── SAX events ──
  bool null() override { return scalar({Scalar::Kind::Null}); }
  bool boolean(bool v) override {
    Scalar s{Scalar::Kind::Bool};
    s.b = v;
    return scalar(s);
  }
  bool number_integer(number_integer_t v) override {
    Scalar s{Scalar::Kind::Int};
    s.i = v;
    return scalar(s);
  }
  bool number_unsigned(number_unsigned_t v) override {
    Scalar s;
    if (v <= static_cast<uint64_t>(INT64_MAX)) {
      s.kind = Scalar::Kind::Int;
      s.i = static_cast<int64_t>(v);
    } else {
      s.kind = Scalar::Kind::UInt;
      s.u = v;
    }
    return scalar(s);
  }
  bool number_float(number_float_t v, const string_t& text) override {
    if (!std::isfinite(v)) return fail("", "number out of range: " + text);
    Scalar s{Scalar::Kind::Float};
    s.f = v;
    s.text = &text;
    return scalar(s);
  }
  bool string(string_t& v) override {
    Scalar s{Scalar::Kind::String};
    s.text = &v;
    return scalar(s);
  }
  bool binary(binary_t&) override { return fail("", "binary values are not JSON"); }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool key(string_t& k) override { return on_key(k); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // nlohmann's messages look like "[json.exception.parse_error.101] parse error at line 1,
    // column 5: syntax error while parsing value - unexpected ']'"; we report the position
    // ourselves, so keep only the description.
    std::string what = ex.what();
    if (what.rfind('[', 0) == 0) {
      auto close = what.find("] ");
      if (close != std::string::npos) what = what.substr(close + 2);
    }
    if (what.rfind("parse error", 0) == 0) {
      auto cut = what.find(": ");
      if (cut != std::string::npos) what = what.substr(cut + 2);
    }
    syntax_position_ = position;
    status_ = Status(ErrorCode::ParseError, "invalid JSON at byte " + std::to_string(position) + ": " + what);
    return false;
  }

  Result<Chunk> take() {
    if (!status_.ok()) return status_;
    if (!result_) return Result<Chunk>(ErrorCode::FormatError, "chunk: no chunk in the document");
    return std::move(*result_);
  }
  size_t syntax_position() const { return syntax_position_; }
  bool syntax_error() const { return status_.code() == ErrorCode::ParseError; }

 private:
  // ── Errors ──

  // The JSON path of the element being read: "sub_chunks[0].ops[3] (LoadInt)[1]".
  std::string path() const {
    std::string p;
    for (size_t f = 0; f < frames_.size(); ++f) {
      const Frame& fr = frames_[f];
      auto list = [&](std::string_view name) {
        if (!p.empty()) p += '.';
        p += name;
        p += '[' + std::to_string(fr.index) + ']';
      };
      switch (fr.kind) {
        case FrameKind::OpList: list("ops"); break;
        case FrameKind::ValueList: list("constants"); break;
        case FrameKind::NameList: list("names"); break;
        case FrameKind::LineList: list("lines"); break;
        case FrameKind::PairList: list(kFieldNames[static_cast<int>(fr.pair_field)]); break;
        case FrameKind::ChunkList: list("sub_chunks"); break;
        case FrameKind::Op:
          if (fr.named) p += " (" + std::string(op_name(fr.ins.op)) + ")";
          break;
        case FrameKind::OpArgs:
        case FrameKind::Pair:
        case FrameKind::ArrayItems:
          p += '[' + std::to_string(fr.index) + ']';
          break;
        case FrameKind::Value:
          if (fr.tag != ValueTag::None) p += " (" + std::string(tag_name(fr.tag)) + ")";
          break;
        case FrameKind::HashItems:
          p += '.' + fr.key;
          break;
        case FrameKind::Chunk:
          if (fr.pending >= 0 && f + 1 == frames_.size()) {
            if (!p.empty()) p += '.';
            p += kFieldNames[fr.pending];
          }
          break;
      }
    }
    return p;
  }

  bool fail(const std::string& where, const std::string& what) {
    std::string p = where.empty() ? path() : where;
    status_ = Status(ErrorCode::FormatError, (p.empty() ? std::string("chunk") : p) + ": " + what);
    return false;
  }

  static std::string_view tag_name(ValueTag t) {
    for (const auto& [name, tag] : kValueTags)
      if (tag == t) return name;
    return "?";
  }

  // ── Integer and float payloads ──

  bool read_int(const Scalar& s, int64_t lo, int64_t hi, int64_t& out, std::string_view type) {
    if (s.kind == Scalar::Kind::Int && s.i >= lo && s.i <= hi) {
      out = s.i;
      return true;
    }
    if (s.is_integer())
      return fail("", "integer " + s.describe() + " is out of range for " + std::string(type));
    return fail("", "expected an integer (" + std::string(type) + "), found " + s.describe());
  }

  bool read_u64(const Scalar& s, uint64_t& out) {
    if (s.kind == Scalar::Kind::Int && s.i >= 0) {
      out = static_cast<uint64_t>(s.i);
      return true;
    }
    if (s.kind == Scalar::Kind::UInt) {
      out = s.u;
      return true;
    }
    if (s.is_integer()) return fail("", "integer " + s.describe() + " is out of range for usize");
    return fail("", "expected an integer (usize), found " + s.describe());
  }

  bool read_f64(const Scalar& s, double& out) {
    switch (s.kind) {
      case Scalar::Kind::Float: out = s.f; return true;
      case Scalar::Kind::Int: out = static_cast<double>(s.i); return true;
      case Scalar::Kind::UInt: out = static_cast<double>(s.u); return true;
      default: return fail("", "expected a number (f64), found " + s.describe());
    }
  }

  bool read_operand(const Scalar& s, Instr& ins, size_t i) {
    OperandKind kind = ins.operand_kind(i);
    if (operand_is_float(kind)) {
      double f = 0;
      if (!read_f64(s, f)) return false;
      ins.set_raw(i, std::bit_cast<uint64_t>(f));
      return true;
    }
    const unsigned width = operand_width(kind);
    if (width == 8 && !operand_is_signed(kind)) {
      uint64_t v = 0;
      if (!read_u64(s, v)) return false;
      ins.set_raw(i, v);
      return true;
    }
    int64_t v = 0;
    bool ok = width == 8   ? read_int(s, INT64_MIN, INT64_MAX, v, "i64")
              : width == 4 ? (operand_is_signed(kind) ? read_int(s, INT32_MIN, INT32_MAX, v, "i32")
                                                      : read_int(s, 0, UINT32_MAX, v, "u32"))
              : width == 2 ? read_int(s, 0, UINT16_MAX, v, "u16")
                           : read_int(s, 0, UINT8_MAX, v, "u8");
    if (ok) ins.set_raw(i, static_cast<uint64_t>(v));
    return ok;
  }

  // ── The automaton ──

  Frame& top() { return frames_.back(); }

  bool push(FrameKind kind, uint32_t nesting) {
    if (frames_.size() >= 3 * static_cast<size_t>(limits_.max_nesting) + 16)
      return fail("", "nesting deeper than the limit");
    Frame f;
    f.kind = kind;
    f.nesting = nesting;
    frames_.push_back(std::move(f));
    return true;
  }

  bool push_chunk(uint32_t nesting, bool document_root) {
    if (!push(FrameKind::Chunk, nesting)) return false;
    top().chunk = std::make_unique<Chunk>();
    top().document_root = document_root;
    return true;
  }

  bool push_value(uint32_t nesting) {
    if (nesting > limits_.max_nesting)
      return fail("", "values nest deeper than " + std::to_string(limits_.max_nesting));
    return push(FrameKind::Value, nesting);
  }

  bool scalar(const Scalar& s) {
    if (skip_depth_ > 0) return true;
    if (frames_.empty()) return fail("chunk", "expected a chunk object, found " + s.describe());
    Frame& f = top();
    switch (f.kind) {
      case FrameKind::Chunk:
        return chunk_scalar(f, s);
      case FrameKind::OpList: {
        if (s.kind != Scalar::Kind::String)
          return fail("", "expected an op (a string or a one-member object), found " + s.describe());
        auto op = op_from_name(*s.text);
        if (!op) return fail("", "unknown op `" + *s.text + "`");
        if (op_info(*op).operand_count != 0)
          return fail("", "needs a payload: write {\"" + *s.text + "\": ...}");
        owner().ops.push_back(Instr(*op));
        ++f.index;
        return true;
      }
      case FrameKind::Op:
        return op_payload(f, s);
      case FrameKind::OpArgs: {
        Frame& op = frames_[frames_.size() - 2];
        if (f.index >= op.ins.operand_count()) return fail("", "too many payloads");
        if (!read_operand(s, op.ins, f.index)) return false;
        ++f.index;
        return true;
      }
      case FrameKind::ValueList:
      case FrameKind::ArrayItems:
      case FrameKind::HashItems:
        if (s.kind == Scalar::Kind::String && *s.text == "Undef") return deliver_value(Value());
        if (s.kind == Scalar::Kind::String) return fail("", "unknown value variant `" + *s.text + "`");
        return fail("", "expected a value ({\"Variant\": payload} or \"Undef\"), found " + s.describe());
      case FrameKind::Value:
        return value_payload(f, s);
      case FrameKind::NameList:
        if (s.kind != Scalar::Kind::String) return fail("", "expected a string, found " + s.describe());
        owner().names.push_back(*s.text);
        ++f.index;
        return true;
      case FrameKind::LineList: {
        int64_t v = 0;
        if (!read_int(s, 0, UINT32_MAX, v, "u32")) return false;
        owner().lines.push_back(static_cast<uint32_t>(v));
        ++f.index;
        return true;
      }
      case FrameKind::PairList:
        return fail("", std::string("expected ") +
                            (f.pair_field == Field::SubEntries ? "[name_index, ip]" : "[start, end]") +
                            ", found " + s.describe());
      case FrameKind::Pair: {
        if (f.index >= 2) return fail("", "expected exactly 2 numbers");
        if (f.index == 0 && frames_[frames_.size() - 2].pair_field == Field::SubEntries) {
          int64_t v = 0;
          if (!read_int(s, 0, UINT16_MAX, v, "u16")) return false;
          f.pair[0] = static_cast<uint64_t>(v);
        } else if (!read_u64(s, f.pair[f.index])) {
          return false;
        }
        ++f.index;
        return true;
      }
      case FrameKind::ChunkList:
        return fail("", "expected a chunk object, found " + s.describe());
    }
    return true;
  }

  bool chunk_scalar(Frame& f, const Scalar& s) {
    if (f.pending == kSkipField || f.pending == kWrappedChunk) {
      f.pending = kNoField;  // an ignored member, or a vector's "chunk" that is not an object
      return true;
    }
    if (f.pending == static_cast<int>(Field::Source)) {
      if (s.kind != Scalar::Kind::String) return fail("", "expected a string, found " + s.describe());
      f.chunk->source = *s.text;
      f.pending = kNoField;
      return true;
    }
    return fail("", "expected an array, found " + s.describe());
  }

  bool op_payload(Frame& f, const Scalar& s) {
    if (!f.named) return fail("", "expected an op name");
    f.has_payload = true;
    const size_t count = f.ins.operand_count();
    if (count == 0) {
      if (s.kind != Scalar::Kind::Null) return fail("", "takes no payload, found " + s.describe());
      return true;
    }
    if (s.kind == Scalar::Kind::Null)
      return fail("", "needs a payload: write {\"" + std::string(op_name(f.ins.op)) + "\": ...}");
    if (count > 1)
      return fail("", "expected an array of " + std::to_string(count) + " payloads, found " + s.describe());
    return read_operand(s, f.ins, 0);
  }

  bool value_payload(Frame& f, const Scalar& s) {
    if (f.tag == ValueTag::None) return fail("", "expected a value variant name");
    if (f.index > 0) return fail("", "more than one payload");
    f.index = 1;
    switch (f.tag) {
      case ValueTag::Undef:
        if (s.kind != Scalar::Kind::Null) return fail("", "takes no payload");
        return true;
      case ValueTag::Bool:
        if (s.kind != Scalar::Kind::Bool) return fail("", "expected true or false, found " + s.describe());
        f.result = Value::boolean(s.b);
        return true;
      case ValueTag::Int: {
        int64_t v = 0;
        if (!read_int(s, INT64_MIN, INT64_MAX, v, "i64")) return false;
        f.result = Value::integer(v);
        return true;
      }
      case ValueTag::Float: {
        double d = 0;
        if (!read_f64(s, d)) return false;
        f.result = Value::floating(d);
        return true;
      }
      case ValueTag::Str:
        if (s.kind != Scalar::Kind::String) return fail("", "expected a string, found " + s.describe());
        f.result = Value::string(*s.text);
        return true;
      case ValueTag::Status: {
        int64_t v = 0;
        if (!read_int(s, INT32_MIN, INT32_MAX, v, "i32")) return false;
        f.result = Value::status(static_cast<int32_t>(v));
        return true;
      }
      case ValueTag::NativeFn: {
        int64_t v = 0;
        if (!read_int(s, 0, UINT16_MAX, v, "u16")) return false;
        f.result = Value::native_fn(static_cast<uint16_t>(v));
        return true;
      }
      case ValueTag::Ref:
        if (s.kind == Scalar::Kind::String && *s.text == "Undef") {
          f.result = Value::ref(Value());
          return true;
        }
        return fail("", "expected a value, found " + s.describe());
      case ValueTag::Array:
        return fail("", "expected an array, found " + s.describe());
      case ValueTag::Hash:
        return fail("", "expected an object, found " + s.describe());
      case ValueTag::None:
        break;
    }
    return true;
  }

  bool on_key(const std::string& k) {
    if (skip_depth_ > 0) return true;
    Frame& f = top();
    switch (f.kind) {
      case FrameKind::Chunk: {
        for (int i = 0; i < kFieldCount; ++i) {
          if (k != kFieldNames[i]) continue;
          if (f.fields_seen & (1u << i)) return fail("", "duplicate field `" + k + "`");
          f.fields_seen |= 1u << i;
          f.pending = i;
          return true;
        }
        f.pending = (f.document_root && k == "chunk" && !f.wrapped) ? kWrappedChunk : kSkipField;
        return true;
      }
      case FrameKind::Op: {
        if (f.named)
          return fail("", "an op object must have exactly one member (the op name)");
        auto op = op_from_name(k);
        if (!op) return fail("", "unknown op `" + k + "`");
        f.ins = Instr(*op);
        f.named = true;
        return true;
      }
      case FrameKind::Value: {
        if (f.tag != ValueTag::None)
          return fail("", "a value object must have exactly one member (the variant name)");
        for (const auto& [name, tag] : kValueTags)
          if (k == name) f.tag = tag;
        if (f.tag == ValueTag::None) return fail("", "unknown value variant `" + k + "`");
        return true;
      }
      case FrameKind::HashItems:
        f.key = k;
        return true;
      default:
        return fail("", "unexpected member `" + k + "`");
    }
  }

  bool open(bool object) {
    if (skip_depth_ > 0) {
      if (++skip_depth_ > bracket_limit()) return fail("", "nesting deeper than the limit");
      return true;
    }
    if (frames_.empty()) {
      if (!object) return fail("chunk", "expected a chunk object, found an array");
      return push_chunk(0, document_);
    }
    Frame& f = top();
    const std::string_view found = object ? "an object" : "an array";
    switch (f.kind) {
      case FrameKind::Chunk: {
        if (f.pending == kSkipField) {
          skip_depth_ = 1;
          f.pending = kNoField;
          return true;
        }
        if (f.pending == kWrappedChunk) {
          f.pending = kNoField;
          if (!object) return true;  // not a chunk after all: ignore it like any member
          return push_chunk(0, false);
        }
        if (f.pending == static_cast<int>(Field::Source))
          return fail("", "expected a string, found " + std::string(found));
        if (f.pending == kNoField || object) return fail("", "expected an array, found " + std::string(found));
        const auto field = static_cast<Field>(f.pending);
        const uint32_t n = f.nesting;
        switch (field) {
          case Field::Ops: return push(FrameKind::OpList, n);
          case Field::Constants: return push(FrameKind::ValueList, n);
          case Field::Names: return push(FrameKind::NameList, n);
          case Field::Lines: return push(FrameKind::LineList, n);
          case Field::SubEntries:
          case Field::BlockRanges:
            if (!push(FrameKind::PairList, n)) return false;
            top().pair_field = field;
            return true;
          case Field::SubChunks: return push(FrameKind::ChunkList, n);
          case Field::Source: break;
        }
        return true;
      }
      case FrameKind::OpList:
        if (!object) return fail("", "expected an op (a string or a one-member object), found an array");
        return push(FrameKind::Op, f.nesting);
      case FrameKind::Op:
        if (!f.named) return fail("", "expected an op name");
        f.has_payload = true;
        if (object || f.ins.operand_count() < 2) {
          if (f.ins.operand_count() == 0) return fail("", "takes no payload, found " + std::string(found));
          if (f.ins.operand_count() == 1) return fail("", "expected a number, found " + std::string(found));
          return fail("", "expected an array of " + std::to_string(f.ins.operand_count()) +
                              " payloads, found an object");
        }
        return push(FrameKind::OpArgs, f.nesting);
      case FrameKind::ValueList:
      case FrameKind::ArrayItems:
      case FrameKind::HashItems: {
        if (!object)
          return fail("", "expected a value ({\"Variant\": payload} or \"Undef\"), found an array");
        return push_value(f.nesting);
      }
      case FrameKind::Value: {
        if (f.tag == ValueTag::None) return fail("", "expected a value variant name");
        f.index = 1;
        if (f.tag == ValueTag::Array && !object) {
          if (f.nesting >= limits_.max_nesting)
            return fail("", "values nest deeper than " + std::to_string(limits_.max_nesting));
          return push(FrameKind::ArrayItems, f.nesting + 1);
        }
        if (f.tag == ValueTag::Hash && object) {
          if (f.nesting >= limits_.max_nesting)
            return fail("", "values nest deeper than " + std::to_string(limits_.max_nesting));
          if (!push(FrameKind::HashItems, f.nesting + 1)) return false;
          top().hash = Value::hash();
          return true;
        }
        if (f.tag == ValueTag::Ref && object) return push_value(f.nesting + 1);
        return fail("", "expected " + std::string(f.tag == ValueTag::Array ? "an array" : "a scalar") +
                            ", found " + std::string(found));
      }
      case FrameKind::PairList:
        if (object) return fail("", "expected an array of 2, found an object");
        return push(FrameKind::Pair, f.nesting);
      case FrameKind::ChunkList:
        if (!object) return fail("", "expected a chunk object, found an array");
        if (f.nesting >= limits_.max_nesting)
          return fail("", "sub-chunks nest deeper than " + std::to_string(limits_.max_nesting));
        if (++sub_chunks_made_ > limits_.max_sub_chunks) {
          status_ = Status(ErrorCode::LimitExceeded,
                           path_or_chunk() + ": more than " + std::to_string(limits_.max_sub_chunks) +
                               " sub-chunks (LoadLimits::max_sub_chunks)");
          return false;
        }
        return push_chunk(f.nesting + 1, false);
      case FrameKind::NameList:
      case FrameKind::LineList:
      case FrameKind::OpArgs:
      case FrameKind::Pair:
        return fail("", std::string("expected a ") +
                            (f.kind == FrameKind::NameList ? "string" : "number") + ", found " +
                            std::string(found));
    }
    return true;
  }

  bool close() {
    if (skip_depth_ > 0) {
      --skip_depth_;
      return true;
    }
    Frame f = std::move(top());
    frames_.pop_back();
    switch (f.kind) {
      case FrameKind::Chunk: {
        if (f.document_root && f.wrapped && f.fields_seen == 0) {
          result_ = std::move(f.wrapped);  // a conformance vector: its "chunk" is the chunk
          return true;
        }
        for (int i = 0; i < kFieldCount; ++i)
          if (!(f.fields_seen & (1u << i)))
            return fail(path_or_chunk(), "missing field `" + std::string(kFieldNames[i]) + "`");
        if (frames_.empty()) {
          result_ = std::move(f.chunk);
        } else if (top().kind == FrameKind::Chunk) {
          top().wrapped = std::move(f.chunk);
        } else {
          owner().sub_chunks.push_back(std::move(*f.chunk));
          ++top().index;
        }
        return true;
      }
      case FrameKind::Op:
        if (!f.named)
          return fail("", "an op object must have exactly one member (the op name), found 0");
        if (!f.has_payload && f.ins.operand_count() > 0)
          return fail("", "needs a payload");
        owner().ops.push_back(f.ins);
        ++top().index;
        return true;
      case FrameKind::OpArgs: {
        const size_t count = top().ins.operand_count();
        if (f.index != count) {
          frames_.push_back(std::move(f));
          return fail("", "expected an array of " + std::to_string(count) + " payloads, found an array of " +
                              std::to_string(frames_.back().index));
        }
        return true;
      }
      case FrameKind::Value: {
        if (f.tag == ValueTag::None) {
          frames_.push_back(std::move(f));
          return fail("", "expected a value ({\"Variant\": payload} or \"Undef\"), found an empty object");
        }
        if (f.index == 0 && f.tag != ValueTag::Undef) {
          frames_.push_back(std::move(f));
          return fail("", "missing payload");
        }
        return deliver_value(std::move(f.result));
      }
      case FrameKind::ArrayItems:
        return deliver_to_value(Value::array(std::move(f.items)));
      case FrameKind::HashItems:
        return deliver_to_value(std::move(f.hash));
      case FrameKind::Pair: {
        if (f.index != 2) {
          frames_.push_back(std::move(f));
          return fail("", "expected an array of 2, found an array of " + std::to_string(frames_.back().index));
        }
        Chunk& c = owner();
        if (top().pair_field == Field::SubEntries)
          c.sub_entries.push_back(SubEntry{static_cast<uint16_t>(f.pair[0]), f.pair[1]});
        else
          c.block_ranges.push_back(BlockRange{f.pair[0], f.pair[1]});
        ++top().index;
        return true;
      }
      case FrameKind::OpList:
      case FrameKind::ValueList:
      case FrameKind::NameList:
      case FrameKind::LineList:
      case FrameKind::PairList:
      case FrameKind::ChunkList:
        top().pending = kNoField;  // the chunk field is complete
        return true;
    }
    return true;
  }

  std::string path_or_chunk() {
    std::string p = path();
    return p.empty() ? "chunk" : p;
  }

  // Hands a finished value to whatever is waiting for it.
  bool deliver_value(Value v) {
    Frame& f = top();
    switch (f.kind) {
      case FrameKind::ValueList:
        owner().constants.push_back(std::move(v));
        ++f.index;
        return true;
      case FrameKind::ArrayItems:
        f.items.push_back(std::move(v));
        ++f.index;
        return true;
      case FrameKind::HashItems:
        f.hash.mutable_hash().set(f.key, std::move(v));  // a repeated key replaces, as in serde
        return true;
      case FrameKind::Value:  // a Ref's payload
        f.result = Value::ref(std::move(v));
        f.index = 1;
        return true;
      default:
        return fail("", "unexpected value");
    }
  }

  // A finished Array or Hash payload becomes the result of its Value frame.
  bool deliver_to_value(Value v) {
    top().result = std::move(v);
    return true;
  }

  // The chunk that the list at the top of the stack belongs to.
  Chunk& owner() {
    for (size_t i = frames_.size(); i-- > 0;)
      if (frames_[i].kind == FrameKind::Chunk) return *frames_[i].chunk;
    return *frames_.front().chunk;  // unreachable: lists only exist inside a chunk
  }

  size_t bracket_limit() const { return 2 * static_cast<size_t>(limits_.max_nesting) + 16; }

  const LoadLimits& limits_;
  bool document_;
  std::vector<Frame> frames_;
  size_t skip_depth_ = 0;
  uint64_t sub_chunks_made_ = 0;
  std::unique_ptr<Chunk> result_;
  Status status_;
  size_t syntax_position_ = 0;

};

// Line and column (1-based) of a byte offset, for syntax errors.
std::string position_of(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

Result<Chunk> read(std::string_view json, const LoadLimits& limits, bool document) {
  if (json.size() > limits.max_input_bytes)
    return Result<Chunk>(ErrorCode::LimitExceeded,
                         "input is " + std::to_string(json.size()) + " bytes; the limit is " +
                             std::to_string(limits.max_input_bytes) + " (LoadLimits::max_input_bytes)");
  try {
    Reader reader(limits, document);
    bool ok = nlohmann::json::sax_parse(json.begin(), json.end(), &reader,
                                        nlohmann::json::input_format_t::json, true);
    if (!ok && reader.syntax_error()) {
      std::string msg = reader.take().message();
      auto colon = msg.find(": ", msg.find("byte"));
      return Result<Chunk>(ErrorCode::ParseError,
                           "invalid JSON at " + position_of(json, reader.syntax_position()) +
                               (colon == std::string::npos ? "" : msg.substr(colon)));
    }
    auto chunk = reader.take();
    if (chunk.ok()) chunk->refresh_content_hash();
    return chunk;
  } catch (const std::bad_alloc&) {
    return Result<Chunk>(ErrorCode::OutOfMemory, "out of memory while loading the chunk");
  }
}

}  // namespace

Result<Chunk> chunk_from_json(std::string_view json, const LoadLimits& limits) {
  return read(json, limits, false);
}

Result<Chunk> chunk_from_json_document(std::string_view json, const LoadLimits& limits) {
  return read(json, limits, true);
}

}  // namespace fusevm
