// The awk builtins as AwkHost methods, with awk's conversions and byte semantics (the C
// locale): length, substr, index, split, sub, gsub, match, gensub, case mapping, the math
// functions and strtonum.
#include <cmath>

#include "awk/runtime/awk_runtime.h"
#include "awk/runtime/substitute.h"

namespace fusevm::awkfront {

int64_t AwkRuntime::length(const Value* s) {
  if (s == nullptr) return static_cast<int64_t>(field_text(0).size());
  if (s->is_str()) return static_cast<int64_t>(s->as_str().size());
  scratch_.clear();
  append_string(scratch_, *s);
  return static_cast<int64_t>(scratch_.size());
}

// Measured on gawk --posix, mawk and original-awk: the start and length are truncated toward
// zero (the VM's to_int does that), and a start below 1 counts from 1 without shortening the
// length: substr("hello", 0, 3) and substr("hello", -1, 3) are both "hel".
Value AwkRuntime::substr(const Value& s, int64_t m, std::optional<int64_t> n) {
  const std::string text = to_string(s);
  const int64_t size = static_cast<int64_t>(text.size());
  const int64_t start = m < 1 ? 1 : m;
  if (start > size) return Value::string("");
  int64_t count = size - start + 1;
  if (n) {
    if (*n <= 0) return Value::string("");
    count = std::min(count, *n);
  }
  return Value::string(std::string_view(text).substr(static_cast<size_t>(start - 1), static_cast<size_t>(count)));
}

int64_t AwkRuntime::index(const Value& s, const Value& t) {
  const std::string haystack = to_string(s);
  const std::string needle = to_string(t);
  const size_t at = haystack.find(needle);
  return at == std::string::npos ? 0 : static_cast<int64_t>(at) + 1;
}

int64_t AwkRuntime::split(const Value& s, std::string_view array_name, const Value* fs) {
  return split_into(to_string(s), *named_array(array_name), fs, nullptr);
}

int64_t AwkRuntime::split_into(std::string_view text, Hash& array, const Value* fs, const Regex* fs_regex) {
  array.clear();
  std::vector<std::string_view> pieces;
  std::string error;
  if (fs_regex != nullptr) {
    // split(s, a, /re/): the literal is always a regex, even a single character.
    size_t from = 0, begin = 0, end = 0;
    if (!text.empty()) {
      size_t piece_start = 0;
      while (from <= text.size() && fs_regex->find(text, from, begin, end)) {
        if (end == begin) {  // an empty match separates nothing
          from = begin + 1;
          continue;
        }
        pieces.push_back(text.substr(piece_start, begin - piece_start));
        piece_start = end;
        from = end;
      }
      pieces.push_back(text.substr(piece_start));
    }
  } else {
    const std::string separator = fs != nullptr ? to_string(*fs) : fs_;
    if (separator != split_fs_ || !split_splitter_ready_) {
      if (!split_splitter_.configure(separator, false, false, error))
        throw AwkError("invalid field separator /" + separator + "/: " + error);
      split_fs_ = separator;
      split_splitter_ready_ = true;
    }
    split_splitter_.split(text, pieces);
  }
  for (size_t i = 0; i < pieces.size(); ++i) array.set(index_key(i + 1), Value::input_string(pieces[i]));
  return static_cast<int64_t>(pieces.size());
}

int64_t AwkRuntime::sub(const Value& re, const Value& repl, const AwkLvalue& target) {
  return substitute_lvalue(re, repl, target, false);
}

int64_t AwkRuntime::gsub(const Value& re, const Value& repl, const AwkLvalue& target) {
  return substitute_lvalue(re, repl, target, true);
}

int64_t AwkRuntime::substitute_lvalue(const Value& re, const Value& repl, const AwkLvalue& target, bool global) {
  const Regex& regex = dynamic_regex(re);
  const std::string replacement = to_string(repl);
  std::string text;
  switch (target.kind) {
    case AwkLvalue::Kind::Field: text = std::string(field_text(target.field)); break;
    case AwkLvalue::Kind::ArrayElem: {
      const Value* v = named_array(target.name)->find(target.key);
      if (v != nullptr) text = to_string(*v);
      break;
    }
    case AwkLvalue::Kind::Var:
      // A variable's value lives in the VM: it is read and written by name through the reader
      // and the assignment handler. An unnamed target is $0.
      if (target.name.empty()) {
        text = std::string(field_text(0));
      } else {
        if (!read_variable_ || !assign_) throw AwkError("sub/gsub: no access to variable '" + target.name + "'");
        text = to_string(read_variable_(target.name));
      }
      break;
  }
  std::string out;
  const size_t n = substitute(regex, text, replacement, global, out);
  if (n == 0) return 0;
  switch (target.kind) {
    case AwkLvalue::Kind::Field: field_set(target.field, Value::string(out)); break;
    case AwkLvalue::Kind::ArrayElem: named_array(target.name)->set(target.key, Value::string(out)); break;
    case AwkLvalue::Kind::Var:
      if (target.name.empty()) {
        field_set(0, Value::string(out));
      } else {
        assign_(target.name, Value::string(out));
      }
      break;
  }
  return static_cast<int64_t>(n);
}

int64_t AwkRuntime::match_re(const Value& s, const Value& re) {
  const Regex& regex = dynamic_regex(re);
  const std::string text = to_string(s);
  size_t begin = 0, end = 0;
  if (regex.find(text, 0, begin, end)) {
    rstart_ = static_cast<double>(begin + 1);
    rlength_ = static_cast<double>(end - begin);
  } else {
    rstart_ = 0;
    rlength_ = -1;
  }
  return static_cast<int64_t>(rstart_);
}

Value AwkRuntime::gensub(const Value& re, const Value& repl, const Value& how, const Value* target) {
  const Regex& regex = dynamic_regex(re);
  const std::string text = target != nullptr ? to_string(*target) : std::string(field_text(0));
  size_t nth = 1;
  const std::string how_text = to_string(how);
  if (!how_text.empty() && (how_text[0] == 'g' || how_text[0] == 'G')) {
    nth = 0;
  } else {
    const double n = to_number(how);
    nth = n >= 1 ? static_cast<size_t>(std::min(n, 1e18)) : 1;  // gawk: below 1 means 1 (with a warning)
  }
  std::string out;
  awkfront::gensub(regex, text, to_string(repl), nth, out);
  return Value::string(out);
}

Value AwkRuntime::tolower(const Value& s) {
  std::string text = to_string(s);
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return Value::string(text);
}

Value AwkRuntime::toupper(const Value& s) {
  std::string text = to_string(s);
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return Value::string(text);
}

Value AwkRuntime::int_(const Value& x) { return Value::floating(std::trunc(to_number(x))); }
Value AwkRuntime::sqrt(const Value& x) { return Value::floating(std::sqrt(to_number(x))); }
Value AwkRuntime::sin(const Value& x) { return Value::floating(std::sin(to_number(x))); }
Value AwkRuntime::cos(const Value& x) { return Value::floating(std::cos(to_number(x))); }
Value AwkRuntime::exp(const Value& x) { return Value::floating(std::exp(to_number(x))); }
Value AwkRuntime::log(const Value& x) { return Value::floating(std::log(to_number(x))); }
Value AwkRuntime::atan2(const Value& y, const Value& x) {
  return Value::floating(std::atan2(to_number(y), to_number(x)));
}

Value AwkRuntime::strtonum(const Value& s) {
  if (!s.is_str()) return Value::floating(to_number(s));
  return Value::floating(awk::strtonum(s).to_float());
}

int64_t AwkRuntime::getline(uint8_t source, std::optional<std::string_view> operand,
                            std::optional<std::string_view> var_name) {
  // The vocabulary's getline kinds: 0 main, 1 main into var, 2 file, 3 file into var, 4 command,
  // 5 command into var. The variable's value lives in the VM, so the "var" kinds hand the record
  // to the assignment handler by name (as a command-line assignment would).
  const GetlineFrom from = source <= 1 ? GetlineFrom::Main : source <= 3 ? GetlineFrom::File : GetlineFrom::Command;
  const bool into_var = source % 2 == 1;
  std::string_view record;
  const int status = next_input_record(from, operand.value_or(std::string_view()), record);
  if (status <= 0) return status;
  if (!into_var) {
    set_record_text(record);
  } else if (var_name && assign_) {
    assign_(*var_name, Value::input_string(record));
  }
  if (from == GetlineFrom::Main) {
    nr_ += 1;
    fnr_ += 1;
  }
  return status;
}

}  // namespace fusevm::awkfront
