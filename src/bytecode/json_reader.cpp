// Reads chunks in the original's serde JSON shape (ORIGINAL-BEHAVIOUR.md §4, CHUNK-VM-API.md §3).
//
// The rules are serde's: all eight chunk fields are required and may not repeat, unknown fields
// are ignored, unit ops are strings (or {"Name": null}), one-payload ops are {"Name": payload},
// multi-payload ops are {"Name": [..]} with exactly the right length, integers are range-checked
// against their Rust type and may not be written as floats, and an integer is accepted where a
// float is expected. Errors name the JSON path of the offending element.
#include <limits>

#include "fusevm/formats.h"
#include "json_dom.h"

namespace fusevm {
namespace {

using detail::JsonNode;
using Kind = JsonNode::Kind;

Status error(const std::string& path, const std::string& what) {
  return Status(ErrorCode::FormatError, (path.empty() ? std::string("chunk") : path) + ": " + what);
}

std::string index_path(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}
std::string member_path(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

// Reads an integer that must lie in [lo, hi] (signed) — covers every integer operand type
// except u64, which read_u64 handles.
Status read_int(const JsonNode& n, int64_t lo, int64_t hi, int64_t& out, const std::string& path,
                std::string_view type) {
  if (n.kind == Kind::Int && n.i >= lo && n.i <= hi) {
    out = n.i;
    return Status();
  }
  if (n.is_integer())
    return error(path, "integer " + n.describe() + " is out of range for " + std::string(type));
  return error(path, "expected an integer (" + std::string(type) + "), found " + n.describe());
}

Status read_u64(const JsonNode& n, uint64_t& out, const std::string& path) {
  if (n.kind == Kind::Int && n.i >= 0) {
    out = static_cast<uint64_t>(n.i);
    return Status();
  }
  if (n.kind == Kind::UInt) {
    out = n.u;
    return Status();
  }
  if (n.is_integer()) return error(path, "integer " + n.describe() + " is out of range for usize");
  return error(path, "expected an integer (usize), found " + n.describe());
}

Status read_f64(const JsonNode& n, double& out, const std::string& path) {
  switch (n.kind) {
    case Kind::Float:
      out = n.f;
      return Status();
    case Kind::Int:
      out = static_cast<double>(n.i);
      return Status();
    case Kind::UInt:
      out = static_cast<double>(n.u);
      return Status();
    default:
      return error(path, "expected a number (f64), found " + n.describe());
  }
}

template <class T>
Status read_unsigned(const JsonNode& n, T& out, const std::string& path, std::string_view type) {
  int64_t v = 0;
  FUSEVM_RETURN_IF_ERROR(read_int(n, 0, static_cast<int64_t>(std::numeric_limits<T>::max()), v,
                                  path, type));
  out = static_cast<T>(v);
  return Status();
}

// Reads an operand of the given kind into an instruction.
Status read_operand(const JsonNode& n, Instr& ins, size_t i, const std::string& path) {
  OperandKind kind = ins.operand_kind(i);
  if (operand_is_float(kind)) {
    double f = 0;
    FUSEVM_RETURN_IF_ERROR(read_f64(n, f, path));
    ins.set_raw(i, std::bit_cast<uint64_t>(f));
    return Status();
  }
  switch (operand_width(kind)) {
    case 8:
      if (operand_is_signed(kind)) {
        int64_t v = 0;
        FUSEVM_RETURN_IF_ERROR(read_int(n, INT64_MIN, INT64_MAX, v, path, "i64"));
        ins.set_raw(i, static_cast<uint64_t>(v));
      } else {
        uint64_t v = 0;
        FUSEVM_RETURN_IF_ERROR(read_u64(n, v, path));
        ins.set_raw(i, v);
      }
      return Status();
    case 4: {
      int64_t v = 0;
      if (operand_is_signed(kind)) {
        FUSEVM_RETURN_IF_ERROR(read_int(n, INT32_MIN, INT32_MAX, v, path, "i32"));
      } else {
        FUSEVM_RETURN_IF_ERROR(read_int(n, 0, UINT32_MAX, v, path, "u32"));
      }
      ins.set_raw(i, static_cast<uint64_t>(v));
      return Status();
    }
    case 2: {
      int64_t v = 0;
      FUSEVM_RETURN_IF_ERROR(read_int(n, 0, UINT16_MAX, v, path, "u16"));
      ins.set_raw(i, static_cast<uint64_t>(v));
      return Status();
    }
    default: {
      int64_t v = 0;
      FUSEVM_RETURN_IF_ERROR(read_int(n, 0, UINT8_MAX, v, path, "u8"));
      ins.set_raw(i, static_cast<uint64_t>(v));
      return Status();
    }
  }
}

Status read_op(const JsonNode& n, Instr& out, const std::string& path) {
  std::string_view name;
  const JsonNode* payload = nullptr;
  if (n.kind == Kind::String) {
    name = n.text;
  } else if (n.kind == Kind::Object) {
    if (n.members.size() != 1)
      return error(path, "an op object must have exactly one member (the op name), found " +
                             std::to_string(n.members.size()));
    name = n.members[0].first;
    payload = &n.members[0].second;
  } else {
    return error(path, "expected an op (a string or a one-member object), found " + n.describe());
  }
  auto op = op_from_name(name);
  if (!op) return error(path, "unknown op `" + std::string(name) + "`");
  Instr ins(*op);
  const size_t count = ins.operand_count();
  const std::string where = path + " (" + std::string(name) + ")";
  if (count == 0) {
    if (payload != nullptr && payload->kind != Kind::Null)
      return error(where, "takes no payload, found " + payload->describe());
  } else if (payload == nullptr) {
    return error(where, "needs a payload: write {\"" + std::string(name) + "\": ...}");
  } else if (count == 1) {
    FUSEVM_RETURN_IF_ERROR(read_operand(*payload, ins, 0, where));
  } else {
    if (payload->kind != Kind::Array || payload->items.size() != count)
      return error(where, "expected an array of " + std::to_string(count) + " payloads, found " +
                              (payload->kind == Kind::Array
                                   ? "an array of " + std::to_string(payload->items.size())
                                   : payload->describe()));
    for (size_t i = 0; i < count; ++i)
      FUSEVM_RETURN_IF_ERROR(read_operand(payload->items[i], ins, i, index_path(where, i)));
  }
  out = ins;
  return Status();
}

class Reader {
 public:
  explicit Reader(const LoadLimits& limits) : limits_(limits) {}

  Status read_value(const JsonNode& n, Value& out, const std::string& path, uint32_t nesting) {
    if (n.kind == Kind::String) {
      if (n.text == "Undef") {
        out = Value();
        return Status();
      }
      return error(path, "unknown value variant `" + n.text + "`");
    }
    if (n.kind != Kind::Object || n.members.size() != 1)
      return error(path, "expected a value ({\"Variant\": payload} or \"Undef\"), found " +
                             n.describe());
    const std::string& tag = n.members[0].first;
    const JsonNode& p = n.members[0].second;
    const std::string where = path + " (" + tag + ")";
    if (tag == "Undef") {
      if (p.kind != Kind::Null) return error(where, "takes no payload");
      out = Value();
    } else if (tag == "Bool") {
      if (p.kind != Kind::Bool) return error(where, "expected true or false, found " + p.describe());
      out = Value::boolean(p.b);
    } else if (tag == "Int") {
      int64_t v = 0;
      FUSEVM_RETURN_IF_ERROR(read_int(p, INT64_MIN, INT64_MAX, v, where, "i64"));
      out = Value::integer(v);
    } else if (tag == "Float") {
      double f = 0;
      FUSEVM_RETURN_IF_ERROR(read_f64(p, f, where));
      out = Value::floating(f);
    } else if (tag == "Str") {
      if (p.kind != Kind::String) return error(where, "expected a string, found " + p.describe());
      out = Value::string(p.text);
    } else if (tag == "Status") {
      int64_t v = 0;
      FUSEVM_RETURN_IF_ERROR(read_int(p, INT32_MIN, INT32_MAX, v, where, "i32"));
      out = Value::status(static_cast<int32_t>(v));
    } else if (tag == "NativeFn") {
      uint16_t v = 0;
      FUSEVM_RETURN_IF_ERROR(read_unsigned(p, v, where, "u16"));
      out = Value::native_fn(v);
    } else if (tag == "Array" || tag == "Hash" || tag == "Ref") {
      if (nesting >= limits_.max_nesting)
        return error(where, "values nest deeper than " + std::to_string(limits_.max_nesting));
      if (tag == "Array") {
        if (p.kind != Kind::Array) return error(where, "expected an array, found " + p.describe());
        ValueVector items(p.items.size());
        for (size_t i = 0; i < p.items.size(); ++i)
          FUSEVM_RETURN_IF_ERROR(read_value(p.items[i], items[i], index_path(where, i), nesting + 1));
        out = Value::array(std::move(items));
      } else if (tag == "Hash") {
        if (p.kind != Kind::Object) return error(where, "expected an object, found " + p.describe());
        Value h = Value::hash();
        Hash& hash = h.mutable_hash();
        hash.reserve(p.members.size());
        for (const auto& [key, member] : p.members) {
          Value v;
          FUSEVM_RETURN_IF_ERROR(read_value(member, v, where + "." + key, nesting + 1));
          hash.set(key, std::move(v));  // a repeated key replaces the earlier one, as in serde
        }
        out = std::move(h);
      } else {
        Value inner;
        FUSEVM_RETURN_IF_ERROR(read_value(p, inner, where, nesting + 1));
        out = Value::ref(std::move(inner));
      }
    } else {
      return error(path, "unknown value variant `" + tag + "`");
    }
    return Status();
  }

  Status read_chunk(const JsonNode& n, Chunk& out, const std::string& path, uint32_t nesting) {
    if (n.kind != Kind::Object) return error(path, "expected a chunk object, found " + n.describe());
    static constexpr std::string_view kFields[] = {"ops",          "constants",    "names",
                                                   "lines",        "sub_entries",  "block_ranges",
                                                   "sub_chunks",   "source"};
    const JsonNode* fields[8] = {};
    for (const auto& [key, value] : n.members) {
      for (size_t f = 0; f < 8; ++f) {
        if (key != kFields[f]) continue;
        if (fields[f] != nullptr) return error(path, "duplicate field `" + key + "`");
        fields[f] = &value;
      }
    }
    for (size_t f = 0; f < 8; ++f)
      if (fields[f] == nullptr) return error(path, "missing field `" + std::string(kFields[f]) + "`");

    auto array_field = [&](size_t f, const JsonNode*& arr) -> Status {
      arr = fields[f];
      if (arr->kind != Kind::Array)
        return error(member_path(path, kFields[f]), "expected an array, found " + arr->describe());
      return Status();
    };
    const JsonNode* arr = nullptr;

    FUSEVM_RETURN_IF_ERROR(array_field(0, arr));
    out.ops.resize(arr->items.size());
    for (size_t i = 0; i < arr->items.size(); ++i)
      FUSEVM_RETURN_IF_ERROR(read_op(arr->items[i], out.ops[i], index_path(member_path(path, "ops"), i)));

    FUSEVM_RETURN_IF_ERROR(array_field(1, arr));
    out.constants.resize(arr->items.size());
    for (size_t i = 0; i < arr->items.size(); ++i)
      FUSEVM_RETURN_IF_ERROR(read_value(arr->items[i], out.constants[i],
                                        index_path(member_path(path, "constants"), i), nesting));

    FUSEVM_RETURN_IF_ERROR(array_field(2, arr));
    out.names.resize(arr->items.size());
    for (size_t i = 0; i < arr->items.size(); ++i) {
      const JsonNode& s = arr->items[i];
      if (s.kind != Kind::String)
        return error(index_path(member_path(path, "names"), i), "expected a string, found " + s.describe());
      out.names[i] = s.text;
    }

    FUSEVM_RETURN_IF_ERROR(array_field(3, arr));
    out.lines.resize(arr->items.size());
    for (size_t i = 0; i < arr->items.size(); ++i)
      FUSEVM_RETURN_IF_ERROR(read_unsigned(arr->items[i], out.lines[i],
                                           index_path(member_path(path, "lines"), i), "u32"));

    FUSEVM_RETURN_IF_ERROR(array_field(4, arr));
    out.sub_entries.resize(arr->items.size());
    for (size_t i = 0; i < arr->items.size(); ++i) {
      const std::string where = index_path(member_path(path, "sub_entries"), i);
      const JsonNode& pair = arr->items[i];
      if (pair.kind != Kind::Array || pair.items.size() != 2)
        return error(where, "expected [name_index, ip], found " + pair.describe());
      FUSEVM_RETURN_IF_ERROR(read_unsigned(pair.items[0], out.sub_entries[i].name, where + "[0]", "u16"));
      FUSEVM_RETURN_IF_ERROR(read_u64(pair.items[1], out.sub_entries[i].ip, where + "[1]"));
    }

    FUSEVM_RETURN_IF_ERROR(array_field(5, arr));
    out.block_ranges.resize(arr->items.size());
    for (size_t i = 0; i < arr->items.size(); ++i) {
      const std::string where = index_path(member_path(path, "block_ranges"), i);
      const JsonNode& pair = arr->items[i];
      if (pair.kind != Kind::Array || pair.items.size() != 2)
        return error(where, "expected [start, end], found " + pair.describe());
      FUSEVM_RETURN_IF_ERROR(read_u64(pair.items[0], out.block_ranges[i].start, where + "[0]"));
      FUSEVM_RETURN_IF_ERROR(read_u64(pair.items[1], out.block_ranges[i].end, where + "[1]"));
    }

    FUSEVM_RETURN_IF_ERROR(array_field(6, arr));
    if (!arr->items.empty() && nesting >= limits_.max_nesting)
      return error(member_path(path, "sub_chunks"),
                   "sub-chunks nest deeper than " + std::to_string(limits_.max_nesting));
    out.sub_chunks.resize(arr->items.size());
    for (size_t i = 0; i < arr->items.size(); ++i)
      FUSEVM_RETURN_IF_ERROR(read_chunk(arr->items[i], out.sub_chunks[i],
                                        index_path(member_path(path, "sub_chunks"), i), nesting + 1));

    const JsonNode* source = fields[7];
    if (source->kind != Kind::String)
      return error(member_path(path, "source"), "expected a string, found " + source->describe());
    out.source = source->text;
    return Status();
  }

 private:
  const LoadLimits& limits_;
};

Status check_size(std::string_view text, const LoadLimits& limits) {
  if (text.size() > limits.max_input_bytes)
    return Status(ErrorCode::LimitExceeded,
                  "input is " + std::to_string(text.size()) + " bytes; the limit is " +
                      std::to_string(limits.max_input_bytes) + " (LoadLimits::max_input_bytes)");
  return Status();
}

// JSON brackets per nesting level: a container value is {"Array": [...]} (two brackets), a
// sub-chunk is "sub_chunks": [{...}] (two brackets); a little slack covers the outer objects.
uint32_t bracket_depth(const LoadLimits& limits) { return 2 * limits.max_nesting + 16; }

Result<Chunk> finish(const JsonNode& root, const LoadLimits& limits) {
  try {
    Chunk chunk;
    Reader reader(limits);
    FUSEVM_RETURN_IF_ERROR(reader.read_chunk(root, chunk, "", 0));
    chunk.refresh_content_hash();
    return chunk;
  } catch (const std::bad_alloc&) {
    return Result<Chunk>(ErrorCode::OutOfMemory, "out of memory while loading the chunk");
  }
}

}  // namespace

Result<Chunk> chunk_from_json(std::string_view json, const LoadLimits& limits) {
  FUSEVM_RETURN_IF_ERROR(check_size(json, limits));
  try {
    FUSEVM_ASSIGN_OR_RETURN(JsonNode root, detail::parse_json(json, bracket_depth(limits)));
    return finish(root, limits);
  } catch (const std::bad_alloc&) {
    return Result<Chunk>(ErrorCode::OutOfMemory, "out of memory while parsing JSON");
  }
}

Result<Chunk> chunk_from_json_document(std::string_view json, const LoadLimits& limits) {
  FUSEVM_RETURN_IF_ERROR(check_size(json, limits));
  try {
    FUSEVM_ASSIGN_OR_RETURN(JsonNode root, detail::parse_json(json, bracket_depth(limits) + 2));
    if (root.kind == Kind::Object && root.member("ops") == nullptr) {
      if (const JsonNode* chunk = root.member("chunk")) return finish(*chunk, limits);
    }
    return finish(root, limits);
  } catch (const std::bad_alloc&) {
    return Result<Chunk>(ErrorCode::OutOfMemory, "out of memory while parsing JSON");
  }
}

}  // namespace fusevm
