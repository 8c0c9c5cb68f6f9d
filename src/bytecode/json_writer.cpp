// Writes chunks in the original's serde JSON shape (field order, externally tagged ops and
// values, shortest round-trip floats), so the original reads what we write.
//
// Pretty mode puts each op, constant, name and line on its own line; a value is always written on
// one line. Values are emitted with an explicit task stack, so nesting depth is unbounded.
#include <algorithm>
#include <cmath>
#include <vector>

#include "fusevm/formats.h"
#include "value/number_text.h"

namespace fusevm {
namespace {

// True if `s` is well-formed UTF-8 (JSON text must be).
bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += len;
  }
  return true;
}

Status unrepresentable(const std::string& path, const std::string& what) {
  return Status(ErrorCode::Unrepresentable,
                path + ": " + what + " cannot be written as JSON; use the .fbc or .fvm format");
}

// Replaces each byte that is not part of well-formed UTF-8 with U+FFFD.
std::string make_valid_utf8(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t len = 1;
    while (len <= 4 && i + len <= s.size() && !valid_utf8(s.substr(i, len))) ++len;
    if (len <= 4 && i + len <= s.size()) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// Appends a JSON string literal, escaping as serde_json does.
Status append_string(std::string& out, std::string_view s, const std::string& path) {
  if (!valid_utf8(s)) return unrepresentable(path, "a string that is not valid UTF-8");
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return Status();
}

Status append_float(std::string& out, double f, const std::string& path) {
  if (!std::isfinite(f)) return unrepresentable(path, "a non-finite float");
  detail::append_float_json(out, f);
  return Status();
}

// One value, compact, without recursion. In the Report style non-finite floats become strings,
// hash keys are sorted and strings are made valid UTF-8.
Status append_value(std::string& out, const Value& root, const std::string& path,
                    ValueJsonStyle style = ValueJsonStyle::Serde) {
  const bool report = style == ValueJsonStyle::Report;
  auto text = [&](std::string_view s) -> Status {
    if (report && !valid_utf8(s)) return append_string(out, make_valid_utf8(s), path);
    return append_string(out, s, path);
  };
  struct Task {
    const Value* value;         // a value to write, or nullptr for literal text
    std::string_view text;      // text to append when value is nullptr
    const Value* key = nullptr; // a hash key to write (with its ':') before the value
  };
  std::vector<Task> tasks{{&root, {}}};
  while (!tasks.empty()) {
    Task t = tasks.back();
    tasks.pop_back();
    if (t.key != nullptr) {
      FUSEVM_RETURN_IF_ERROR(text(t.key->as_str()));
      out += ':';
    }
    if (t.value == nullptr) {
      out += t.text;
      continue;
    }
    const Value& v = *t.value;
    switch (v.type()) {
      case ValueType::Undef:
        out += "\"Undef\"";
        break;
      case ValueType::Bool:
        out += v.as_bool() ? "{\"Bool\":true}" : "{\"Bool\":false}";
        break;
      case ValueType::Int:
        out += "{\"Int\":";
        detail::append_int(out, v.as_int());
        out += '}';
        break;
      case ValueType::Float:
        out += "{\"Float\":";
        if (report && !std::isfinite(v.as_float())) {
          out += std::isnan(v.as_float()) ? "\"NaN\"" : (v.as_float() > 0 ? "\"inf\"" : "\"-inf\"");
        } else {
          FUSEVM_RETURN_IF_ERROR(append_float(out, v.as_float(), path));
        }
        out += '}';
        break;
      case ValueType::Str:
        out += "{\"Str\":";
        FUSEVM_RETURN_IF_ERROR(text(v.as_str()));
        out += '}';
        break;
      case ValueType::Status:
        out += "{\"Status\":";
        detail::append_int(out, v.as_status());
        out += '}';
        break;
      case ValueType::NativeFn:
        out += "{\"NativeFn\":";
        detail::append_int(out, v.as_native_fn());
        out += '}';
        break;
      case ValueType::Ref:
        out += "{\"Ref\":";
        tasks.push_back({nullptr, "}"});
        tasks.push_back({&v.as_ref(), {}});
        break;
      case ValueType::Array: {
        out += "{\"Array\":[";
        tasks.push_back({nullptr, "]}"});
        const Array& a = v.as_array();
        for (size_t i = a.size(); i-- > 0;) {
          tasks.push_back({&a[i], {}});
          if (i > 0) tasks.push_back({nullptr, ","});
        }
        break;
      }
      case ValueType::Hash: {
        out += "{\"Hash\":{";
        tasks.push_back({nullptr, "}}"});
        std::vector<Task> entries;
        for (const Hash::Entry& e : v.as_hash()) entries.push_back({&e.value, {}, &e.key});
        if (report)
          std::sort(entries.begin(), entries.end(),
                    [](const Task& a, const Task& b) { return a.key->as_str() < b.key->as_str(); });
        for (size_t i = entries.size(); i-- > 0;) {
          tasks.push_back(entries[i]);
          if (i > 0) tasks.push_back({nullptr, ","});
        }
        break;
      }
    }
  }
  return Status();
}

Status append_op(std::string& out, const Instr& ins, const std::string& path) {
  const OpInfo& in = ins.info();
  if (in.operand_count == 0) {
    out += '"';
    out += in.name;
    out += '"';
    return Status();
  }
  out += "{\"";
  out += in.name;
  out += "\":";
  if (in.operand_count > 1) out += '[';
  for (size_t i = 0; i < in.operand_count; ++i) {
    if (i > 0) out += ',';
    if (operand_is_float(in.operands[i])) {
      FUSEVM_RETURN_IF_ERROR(append_float(out, ins.f64(i), path + " (" + std::string(in.name) + ")"));
    } else if (operand_is_signed(in.operands[i])) {
      detail::append_int(out, ins.integer(i));
    } else {
      out += std::to_string(ins.raw(i));
    }
  }
  if (in.operand_count > 1) out += ']';
  out += '}';
  return Status();
}

class ChunkWriter {
 public:
  explicit ChunkWriter(bool pretty) : pretty_(pretty) {}

  Status chunk(const Chunk& c, const std::string& path, int depth) {
    out_ += '{';
    bool first_field = true;
    auto field = [&](std::string_view name) {
      if (!first_field) out_ += ',';
      first_field = false;
      newline(depth + 1);
      out_ += '"';
      out_ += name;
      out_ += pretty_ ? "\": " : "\":";
    };
    // Writes a JSON array whose elements `emit(i)` appends.
    auto array = [&](size_t n, auto&& emit) -> Status {
      out_ += '[';
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) out_ += ',';
        newline(depth + 2);
        FUSEVM_RETURN_IF_ERROR(emit(i));
      }
      if (n > 0) newline(depth + 1);
      out_ += ']';
      return Status();
    };
    auto at = [&](std::string_view name, size_t i) {
      return path + std::string(name) + "[" + std::to_string(i) + "]";
    };

    field("ops");
    FUSEVM_RETURN_IF_ERROR(array(c.ops.size(), [&](size_t i) { return append_op(out_, c.ops[i], at("ops", i)); }));
    field("constants");
    FUSEVM_RETURN_IF_ERROR(array(c.constants.size(), [&](size_t i) {
      return append_value(out_, c.constants[i], at("constants", i));
    }));
    field("names");
    FUSEVM_RETURN_IF_ERROR(array(c.names.size(), [&](size_t i) {
      return append_string(out_, c.names[i], at("names", i));
    }));
    field("lines");
    FUSEVM_RETURN_IF_ERROR(array(c.lines.size(), [&](size_t i) {
      out_ += std::to_string(c.lines[i]);
      return Status();
    }));
    field("sub_entries");
    FUSEVM_RETURN_IF_ERROR(array(c.sub_entries.size(), [&](size_t i) {
      out_ += '[' + std::to_string(c.sub_entries[i].name) + ',' + std::to_string(c.sub_entries[i].ip) + ']';
      return Status();
    }));
    field("block_ranges");
    FUSEVM_RETURN_IF_ERROR(array(c.block_ranges.size(), [&](size_t i) {
      out_ += '[' + std::to_string(c.block_ranges[i].start) + ',' +
              std::to_string(c.block_ranges[i].end) + ']';
      return Status();
    }));
    field("sub_chunks");
    FUSEVM_RETURN_IF_ERROR(array(c.sub_chunks.size(), [&](size_t i) {
      return chunk(c.sub_chunks[i], at("sub_chunks", i) + ".", depth + 2);
    }));
    field("source");
    FUSEVM_RETURN_IF_ERROR(append_string(out_, c.source, path + "source"));
    newline(depth);
    out_ += '}';
    return Status();
  }

  std::string take() { return std::move(out_); }

 private:
  void newline(int depth) {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(static_cast<size_t>(2 * depth), ' ');
  }

  bool pretty_;
  std::string out_;
};

}  // namespace

Result<std::string> value_to_json(const Value& value, ValueJsonStyle style) {
  try {
    std::string out;
    FUSEVM_RETURN_IF_ERROR(append_value(out, value, "value", style));
    return out;
  } catch (const std::bad_alloc&) {
    return Result<std::string>(ErrorCode::OutOfMemory, "out of memory while writing JSON");
  }
}

std::string json_quote_lossy(std::string_view text) {
  std::string out;
  const std::string valid = valid_utf8(text) ? std::string(text) : make_valid_utf8(text);
  (void)append_string(out, valid, "");
  return out;
}

Result<std::string> chunk_to_json(const Chunk& chunk, JsonStyle style) {
  try {
    ChunkWriter writer(style == JsonStyle::Pretty);
    FUSEVM_RETURN_IF_ERROR(writer.chunk(chunk, "", 0));
    std::string out = writer.take();
    if (style == JsonStyle::Pretty) out += '\n';
    return out;
  } catch (const std::bad_alloc&) {
    return Result<std::string>(ErrorCode::OutOfMemory, "out of memory while writing JSON");
  }
}

}  // namespace fusevm
