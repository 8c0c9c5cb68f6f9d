// Values in .fvm text (see asm_values.h).
#include "asm_values.h"

#include <optional>
#include <vector>

#include "fusevm/containers.h"

namespace fusevm::fvm {
namespace {

// Reads a value with an explicit stack: each open Array, Hash or Ref is a frame, and a finished
// value is folded into the frames above it.
class ValueReader {
 public:
  ValueReader(LineCursor& cur, size_t depth, uint32_t max_nesting, TextError& error)
      : cur_(cur), depth_(depth), max_nesting_(max_nesting), error_(error) {}

  bool read(Value& out) {
    for (;;) {
      const size_t at = cur_.skip_space();
      std::string_view word = cur_.read_word();
      auto type = value_type_from_keyword(word);
      if (!type)
        return fail(at,
                    "expected a value (Undef, Bool, Int, Float, Str, Array, Hash, Status, Ref or "
                    "NativeFn), found " +
                        shown(word));
      Value v;
      switch (*type) {
        case ValueType::Undef:
          break;
        case ValueType::Bool: {
          const size_t b_at = cur_.skip_space();
          std::string_view b = cur_.read_word();
          if (b != "true" && b != "false")
            return fail(b_at, "expected true or false after Bool, found " + shown(b));
          v = Value::boolean(b == "true");
          break;
        }
        case ValueType::Int: {
          uint64_t bits = 0;
          if (!integer(8, true, "Int (i64)", bits)) return false;
          v = Value::integer(static_cast<int64_t>(bits));
          break;
        }
        case ValueType::Status: {
          uint64_t bits = 0;
          if (!integer(4, true, "Status (i32)", bits)) return false;
          v = Value::status(static_cast<int32_t>(static_cast<uint32_t>(bits)));
          break;
        }
        case ValueType::NativeFn: {
          uint64_t bits = 0;
          if (!integer(2, false, "NativeFn (u16)", bits)) return false;
          v = Value::native_fn(static_cast<uint16_t>(bits));
          break;
        }
        case ValueType::Float: {
          const size_t f_at = cur_.skip_space();
          std::string_view f_word = cur_.read_word();
          double f = 0;
          NumberStatus parsed = parse_float(f_word, f);
          if (parsed == NumberStatus::Overflow)
            return fail(f_at, std::string(f_word) +
                                  " is too large for Float (f64); write inf for infinity");
          if (parsed == NumberStatus::Syntax)
            return fail(f_at, "expected a float after Float (2.5, -0.0, 1e-3, inf, nan), found " +
                                  shown(f_word));
          v = Value::floating(f);
          break;
        }
        case ValueType::Str: {
          std::string s;
          if (!cur_.read_string(s, error_)) return false;
          v = Value::string(s);
          break;
        }
        case ValueType::Array:
        case ValueType::Hash:
        case ValueType::Ref: {
          if (!open_container(*type, word, at, v)) return false;
          if (v.is_undef()) continue;  // a frame is open: read its first value
          break;
        }
      }
      if (fold(v, out)) return error_.what.empty();
    }
  }

 private:
  struct Frame {
    ValueType type;
    ValueVector items;  // Array
    Value hash;         // Hash
    std::string key;    // Hash: the key of the value being read
  };

  bool fail(size_t pos, std::string what) {
    error_.pos = pos;
    error_.what = std::move(what);
    return false;
  }

  std::string shown(std::string_view word) {
    return word.empty() ? cur_.describe_next() : describe_token(word);
  }

  bool integer(unsigned width, bool is_signed, const char* what, uint64_t& bits) {
    const size_t at = cur_.skip_space();
    std::string_view word = cur_.read_word();
    IntegerText n;
    NumberStatus parsed = parse_integer(word, n);
    if (parsed == NumberStatus::Syntax)
      return fail(at, std::string("expected an integer for ") + what + ", found " + shown(word));
    auto fitted = parsed == NumberStatus::Ok ? integer_bits(n, width, is_signed) : std::nullopt;
    if (!fitted) return fail(at, std::string(word) + " does not fit " + what);
    bits = *fitted;
    return true;
  }

  // After the keyword of a container: either an empty container in `v`, or a new open frame
  // (`v` left Undef).
  bool open_container(ValueType type, std::string_view keyword, size_t at, Value& v) {
    if (depth_ + frames_.size() >= max_nesting_)
      return fail(at, "values nest deeper than " + std::to_string(max_nesting_) +
                          " (LoadLimits::max_nesting)");
    if (type == ValueType::Ref) {
      frames_.push_back(Frame{ValueType::Ref, {}, {}, {}});
      return true;
    }
    const char open = type == ValueType::Array ? '[' : '{';
    const char close = type == ValueType::Array ? ']' : '}';
    if (!cur_.consume(open))
      return fail(cur_.skip_space(), std::string("expected '") + open + "' after " +
                                         std::string(keyword) + ", found " + cur_.describe_next());
    if (cur_.consume(close)) {
      v = type == ValueType::Array ? Value::array() : Value::hash();
      return true;
    }
    frames_.push_back(Frame{type, {}, type == ValueType::Hash ? Value::hash() : Value(), {}});
    return type != ValueType::Hash || hash_key(frames_.back());
  }

  // Folds a finished value into the open containers. True when the outermost value is done (or
  // an error was recorded); false when a container wants another value.
  bool fold(Value& v, Value& out) {
    for (;;) {
      if (frames_.empty()) {
        out = std::move(v);
        return true;
      }
      Frame& f = frames_.back();
      if (f.type == ValueType::Ref) {
        v = Value::ref(std::move(v));
        frames_.pop_back();
        continue;
      }
      if (f.type == ValueType::Array) {
        f.items.push_back(std::move(v));
        if (cur_.consume(',')) return false;
        if (!cur_.consume(']'))
          return !fail(cur_.skip_space(),
                       "expected ',' or ']' in the array, found " + cur_.describe_next());
        v = Value::array(std::move(f.items));
        frames_.pop_back();
        continue;
      }
      f.hash.mutable_hash().set(f.key, std::move(v));
      if (cur_.consume(',')) return !hash_key(f);
      if (!cur_.consume('}'))
        return !fail(cur_.skip_space(),
                     "expected ',' or '}' in the hash, found " + cur_.describe_next());
      v = std::move(f.hash);
      frames_.pop_back();
    }
  }

  // `"key":` inside a hash; a key may appear once.
  bool hash_key(Frame& f) {
    const size_t at = cur_.skip_space();
    if (cur_.peek() != '"')
      return fail(at, "expected a quoted hash key, found " + cur_.describe_next());
    if (!cur_.read_string(f.key, error_)) return false;
    if (f.hash.as_hash().contains(f.key)) {
      std::string key;
      append_quoted(key, f.key);
      return fail(at, "duplicate hash key " + key);
    }
    if (!cur_.consume(':'))
      return fail(cur_.skip_space(),
                  "expected ':' after the hash key, found " + cur_.describe_next());
    return true;
  }

  LineCursor& cur_;
  size_t depth_;
  uint32_t max_nesting_;
  TextError& error_;
  std::vector<Frame> frames_;
};

}  // namespace

bool read_value(LineCursor& cur, size_t depth, uint32_t max_nesting, Value& out, TextError& error) {
  error = TextError{};
  ValueReader reader(cur, depth, max_nesting, error);
  return reader.read(out);
}

void append_value(std::string& out, const Value& root, size_t limit) {
  struct Frame {
    const Array* array = nullptr;                 // an open array, or
    std::optional<Hash::const_iterator> it, end;  // an open hash
    size_t next = 0;
  };
  auto cut = [limit](std::string_view s) { return limit == SIZE_MAX ? s : s.substr(0, limit); };
  const size_t start = out.size();
  std::vector<Frame> frames;
  const Value* pending = &root;
  while (out.size() - start <= limit) {
    if (pending != nullptr) {
      const Value& v = *pending;
      pending = nullptr;
      out += value_type_name(v.type());
      switch (v.type()) {
        case ValueType::Undef:
          break;
        case ValueType::Bool:
          out += v.as_bool() ? " true" : " false";
          break;
        case ValueType::Int:
          out += ' ' + std::to_string(v.as_int());
          break;
        case ValueType::Float:
          out += ' ';
          append_float(out, v.as_float());
          break;
        case ValueType::Str:
          out += ' ';
          append_quoted(out, cut(v.as_str()));
          break;
        case ValueType::Status:
          out += ' ' + std::to_string(v.as_status());
          break;
        case ValueType::NativeFn:
          out += ' ' + std::to_string(v.as_native_fn());
          break;
        case ValueType::Ref:
          out += ' ';
          pending = &v.as_ref();
          break;
        case ValueType::Array:
          out += " [";
          frames.push_back(Frame{&v.as_array(), std::nullopt, std::nullopt, 0});
          break;
        case ValueType::Hash:
          out += " {";
          frames.push_back(Frame{nullptr, v.as_hash().begin(), v.as_hash().end(), 0});
          break;
      }
      continue;
    }
    if (frames.empty()) return;
    Frame& f = frames.back();
    if (f.array != nullptr) {
      if (f.next < f.array->size()) {
        if (f.next > 0) out += ", ";
        pending = &(*f.array)[f.next++];
      } else {
        out += ']';
        frames.pop_back();
      }
    } else if (*f.it != *f.end) {
      if (f.next++ > 0) out += ", ";
      append_quoted(out, cut((*f.it)->key.as_str()));
      out += ": ";
      pending = &(*f.it)->value;
      ++*f.it;
    } else {
      out += '}';
      frames.pop_back();
    }
  }
}

}  // namespace fusevm::fvm
