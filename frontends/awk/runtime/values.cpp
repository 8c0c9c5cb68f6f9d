// awk's value rules on fusevm values: string <-> number conversion, truthiness and comparison
// (POSIX awk "Expressions in awk").
#include <cmath>
#include <cstring>

#include "awk/runtime/awk_runtime.h"
#include "awk/runtime/number_text.h"

namespace fusevm::awkfront {
namespace {

void append_int(std::string& out, int64_t n) {
  char buffer[24];
  char* end = buffer + sizeof buffer;
  char* p = end;
  const bool negative = n < 0;
  uint64_t u = negative ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) *--p = '-';
  out.append(p, static_cast<size_t>(end - p));
}

}  // namespace

double AwkRuntime::to_number(const Value& v) const {
  if (v.is_float()) return v.as_float();
  if (v.is_str()) return string_to_number(v.as_str());
  if (v.is_int()) return static_cast<double>(v.as_int());
  if (v.is_bool()) return v.as_bool() ? 1.0 : 0.0;
  if (v.is_undef()) return 0.0;
  return v.to_float();
}

void AwkRuntime::append_string(std::string& out, const Value& v) const {
  if (v.is_str()) {
    out.append(v.as_str());
  } else if (v.is_float()) {
    append_number(out, v.as_float(), convfmt_);
  } else if (v.is_int()) {
    append_int(out, v.as_int());
  } else if (v.is_bool()) {
    out.push_back(v.as_bool() ? '1' : '0');
  } else if (!v.is_undef()) {
    v.append_str_to(out);
  }
}

void AwkRuntime::append_output_string(std::string& out, const Value& v) const {
  if (v.is_float()) {
    append_number(out, v.as_float(), ofmt_);
  } else {
    append_string(out, v);
  }
}

std::string AwkRuntime::to_string(const Value& v) const {
  if (v.is_str()) return std::string(v.as_str());
  std::string out;
  append_string(out, v);
  return out;
}

bool AwkRuntime::compares_as_number(const Value& v) const {
  if (v.is_str()) return v.is_input_string() && looks_numeric(v.as_str());
  return v.is_float() || v.is_int() || v.is_bool() || v.is_undef();
}

bool AwkRuntime::truth(const Value& v) const {
  if (v.is_float()) return v.as_float() != 0.0 || std::isnan(v.as_float());
  if (v.is_str()) {
    if (v.is_input_string() && looks_numeric(v.as_str())) return string_to_number(v.as_str()) != 0.0;
    return !v.as_str().empty();
  }
  if (v.is_undef()) return false;
  return to_number(v) != 0.0;
}

int AwkRuntime::compare(const Value& a, const Value& b) const {
  if (compares_as_number(a) && compares_as_number(b)) {
    const double x = to_number(a), y = to_number(b);
    if (x < y) return -1;
    if (x > y) return 1;
    if (x == y) return 0;
    return 2;  // unordered: a NaN on either side
  }
  std::string left_text, right_text;
  std::string_view left, right;
  if (a.is_str()) {
    left = a.as_str();
  } else {
    append_string(left_text, a);
    left = left_text;
  }
  if (b.is_str()) {
    right = b.as_str();
  } else {
    append_string(right_text, b);
    right = right_text;
  }
  const int c = left.compare(right);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

std::string AwkRuntime::key_of(const Value& v) const {
  std::string key;
  store_key(key, v);
  return key;
}

std::string_view AwkRuntime::key_text(const Value& key, uint64_t payload, std::string& scratch) {
  if ((payload & kKeyIsField) != 0) {
    const int64_t index = key.to_int();
    if (index < 0) throw AwkError("attempt to access field " + std::to_string(index));
    return field_text(index);
  }
  if (key.is_str()) return key.as_str();
  store_key(scratch, key);
  return scratch;
}

const Value& AwkRuntime::index_key(size_t n) {
  static constexpr size_t kCached = 4096;
  if (n >= kCached) {
    scratch_key_ = Value::string(std::to_string(n));
    return scratch_key_;
  }
  while (index_keys_.size() <= n) index_keys_.push_back(Value::string(std::to_string(index_keys_.size())));
  return index_keys_[n];
}

void AwkRuntime::store_key(std::string& out, const Value& v) const {
  out.clear();
  append_string(out, v);
}

}  // namespace fusevm::awkfront
