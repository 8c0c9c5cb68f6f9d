// shell::Variables (the host's variable store) and shell::expand_param, the 18 ExpandParam
// modifiers evaluated against it. Pure apart from the store; see shell_vars.h for the rules.
#include "fusevm/shell_vars.h"

#include <optional>
#include <stdexcept>

#include "fusevm/code_tables.h"
#include "fusevm/containers.h"
#include "fusevm/shell_host.h"

extern char** environ;

namespace fusevm::shell {

// ── The store ──

const Value* Variables::get(std::string_view name) const {
  auto it = vars_.find(name);
  return it == vars_.end() ? nullptr : &it->second.value;
}

void Variables::set(std::string_view name, Value value) {
  auto it = vars_.find(name);
  if (it == vars_.end()) {
    vars_.emplace(std::string(name), Entry{std::move(value), false});
  } else {
    it->second.value = std::move(value);
  }
}

void Variables::unset(std::string_view name) {
  auto it = vars_.find(name);
  if (it != vars_.end()) vars_.erase(it);
}

void Variables::set_exported(std::string_view name, bool exported) {
  auto it = vars_.find(name);
  if (it == vars_.end()) {
    if (!exported) return;
    it = vars_.emplace(std::string(name), Entry{Value::string(""), false}).first;
  }
  it->second.exported = exported;
}

bool Variables::is_exported(std::string_view name) const {
  auto it = vars_.find(name);
  return it != vars_.end() && it->second.exported;
}

void Variables::import_environment() {
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    const size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    set(entry.substr(0, eq), Value::string(entry.substr(eq + 1)));
    set_exported(entry.substr(0, eq), true);
  }
}

std::vector<std::string> Variables::environment() const {
  std::vector<std::string> out;
  for (const auto& [name, entry] : vars_)
    if (entry.exported) out.push_back(name + "=" + entry.value.to_str());
  return out;
}

std::vector<std::string> Variables::names() const {
  std::vector<std::string> out;
  out.reserve(vars_.size());
  for (const auto& kv : vars_) out.push_back(kv.first);
  return out;
}

// ── Modifiers ──

namespace {

// Offsets where a character starts, plus the end: lengths, slices and pattern positions count
// code points, never split one.
std::vector<size_t> char_starts(std::string_view s) {
  std::vector<size_t> out;
  out.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 || i == 0) out.push_back(i);
  out.push_back(s.size());
  return out;
}

// Pattern modifiers try a glob match at O(n) or O(n^2) places; each match costs up to
// |pattern| x |text|. The budget stops hostile values and patterns (DefaultHost runs untrusted
// chunks) after about a second of work, with an error rather than an endless op.
struct Budget {
  uint64_t left = uint64_t{1} << 25;
  bool match(std::string_view pat, std::string_view text) {
    const uint64_t cost = (pat.size() + 1) * (text.size() + 1);
    if (cost > left) throw std::runtime_error("pattern matching on this value would take too long");
    left -= cost;
    return glob_match(pat, text);
  }
};

// The number of characters every match of `pat` has, when it has no `*`: each literal, `?`,
// escape or bracket expression is one character. Such patterns are tried at one length only.
std::optional<size_t> fixed_length(std::string_view pat) {
  size_t count = 0;
  for (size_t i = 0; i < pat.size();) {
    const char c = pat[i];
    if (c == '*') return std::nullopt;
    if (c == '\\' && i + 1 < pat.size()) {
      i += 2;
      while (i < pat.size() && (static_cast<unsigned char>(pat[i]) & 0xC0) == 0x80) ++i;
    } else if (c == '[') {
      size_t j = i + 1;
      if (j < pat.size() && (pat[j] == '!' || pat[j] == '^')) ++j;
      if (j < pat.size() && pat[j] == ']') ++j;
      while (j < pat.size() && pat[j] != ']') {
        if (pat[j] == '[' && j + 1 < pat.size() && (pat[j + 1] == ':' || pat[j + 1] == '.' || pat[j + 1] == '='))
          return std::nullopt;  // classes and collating elements: let the matcher decide
        ++j;
      }
      i = j < pat.size() ? j + 1 : i + 1;  // no closing `]`: an ordinary `[`
    } else {
      ++i;
      while (i < pat.size() && (static_cast<unsigned char>(pat[i]) & 0xC0) == 0x80) ++i;
    }
    ++count;
  }
  return count;
}

std::string strip(std::string_view v, std::string_view pat, bool prefix, bool longest) {
  Budget budget;
  const std::vector<size_t> at = char_starts(v);
  const size_t n = at.size();  // candidate cut points: 0..n-1
  if (const std::optional<size_t> len = fixed_length(pat)) {
    if (*len >= n) return std::string(v);
    if (prefix) return budget.match(pat, v.substr(0, at[*len])) ? std::string(v.substr(at[*len])) : std::string(v);
    const size_t from = at[n - 1 - *len];
    return budget.match(pat, v.substr(from)) ? std::string(v.substr(0, from)) : std::string(v);
  }
  for (size_t k = 0; k < n; ++k) {
    const size_t cut = longest ? n - 1 - k : k;  // characters removed
    if (prefix) {
      if (budget.match(pat, v.substr(0, at[cut]))) return std::string(v.substr(at[cut]));
    } else {
      const size_t from = at[n - 1 - cut];
      if (budget.match(pat, v.substr(from))) return std::string(v.substr(0, from));
    }
  }
  return std::string(v);
}

// ${v/p/r} and ${v//p/r}: at each position the longest non-empty match is replaced; `#p`
// anchors at the start, `%p` at the end (bash).
std::string substitute(std::string_view v, std::string_view pat, std::string_view rep, bool all) {
  bool anchor_start = false, anchor_end = false;
  if (!pat.empty() && pat[0] == '#') {
    anchor_start = true;
    pat.remove_prefix(1);
  } else if (!pat.empty() && pat[0] == '%') {
    anchor_end = true;
    pat.remove_prefix(1);
  }
  if (pat.empty()) return std::string(v);
  Budget budget;
  const std::vector<size_t> at = char_starts(v);
  const size_t n = at.size();
  std::string out;
  size_t k = 0;
  bool replaced = false;
  const std::optional<size_t> len = fixed_length(pat);
  while (k + 1 < n) {
    size_t match_end = 0;  // index into `at`, 0 = no match
    if (!(replaced && !all) && !(anchor_start && k > 0)) {
      auto matches = [&](size_t e) { return budget.match(pat, v.substr(at[k], at[e] - at[k])); };
      if (len) {  // a fixed-length pattern has one candidate end
        const size_t e = k + *len;
        if (*len > 0 && e < n && (!anchor_end || e == n - 1) && matches(e)) match_end = e;
      } else {
        for (size_t e = n - 1; e > k; --e) {
          if (anchor_end && e != n - 1) break;
          if (matches(e)) {
            match_end = e;
            break;
          }
        }
      }
    }
    if (match_end != 0) {
      out += rep;
      replaced = true;
      k = match_end;
    } else {
      out += v.substr(at[k], at[k + 1] - at[k]);
      ++k;
    }
  }
  return out;
}

std::string convert_case(std::string s, bool upper, bool first_only) {
  for (size_t i = 0; i < s.size(); ++i) {
    char& c = s[i];
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (first_only) break;
  }
  return s;
}

// ${v:off:len} on code points: a negative offset counts from the end (before the start: empty),
// an Undef length means to the end, a negative one stops that many characters before the end.
std::string slice(std::string_view v, const Value& off_v, const Value& len_v) {
  const std::vector<size_t> at = char_starts(v);
  const int64_t n = static_cast<int64_t>(at.size()) - 1;
  int64_t off = off_v.to_int();
  if (off < 0) off += n;
  if (off < 0 || off > n) return {};
  int64_t end = n;
  if (!len_v.is_undef()) {
    const int64_t len = len_v.to_int();
    end = len >= 0 ? (len > n - off ? n : off + len) : n + len;
    if (end < off) return {};
  }
  return std::string(v.substr(at[static_cast<size_t>(off)], at[static_cast<size_t>(end)] - at[static_cast<size_t>(off)]));
}

Value keys_of(const Value* v) {
  ValueVector out;
  if (v == nullptr) return Value::array(std::move(out));
  if (v->is_array()) {
    for (size_t i = 0; i < v->as_array().size(); ++i) out.push_back(Value::string(std::to_string(i)));
  } else if (v->is_hash()) {
    for (const auto& e : v->as_hash()) out.push_back(e.key);
  } else {
    out.push_back(Value::string("0"));
  }
  return Value::array(std::move(out));
}

int64_t length_of(const Value* v) {
  if (v == nullptr) return 0;
  if (v->is_array()) return static_cast<int64_t>(v->as_array().size());
  if (v->is_hash()) return static_cast<int64_t>(v->as_hash().size());
  return static_cast<int64_t>(char_starts(v->to_str()).size()) - 1;
}

}  // namespace

Value expand_param(Variables& vars, std::string_view name, uint8_t modifier, std::span<const Value> args) {
  const Value* var = vars.get(name);
  const std::string text = var != nullptr ? var->to_str() : std::string();
  const bool set_and_nonempty = !text.empty();
  auto arg = [&](size_t i) { return i < args.size() ? args[i] : Value(); };
  auto arg_str = [&](size_t i) { return i < args.size() ? args[i].to_str() : std::string(); };
  switch (modifier) {
    case param_mod::DEFAULT:
      return Value::string(set_and_nonempty ? text : arg_str(0));
    case param_mod::ASSIGN:
      if (set_and_nonempty) return Value::string(text);
      vars.set(name, Value::string(arg_str(0)));
      return Value::string(arg_str(0));
    case param_mod::ERROR: {
      if (set_and_nonempty) return Value::string(text);
      const std::string message = arg_str(0);
      throw std::runtime_error(std::string(name) + ": " + (message.empty() ? "parameter null or not set" : message));
    }
    case param_mod::ALTERNATE:
      return Value::string(set_and_nonempty ? arg_str(0) : std::string());
    case param_mod::LENGTH:
      return Value::integer(length_of(var));
    case param_mod::STRIP_SHORT:
    case param_mod::STRIP_LONG:
      return Value::string(strip(text, arg_str(0), true, modifier == param_mod::STRIP_LONG));
    case param_mod::RSTRIP_SHORT:
    case param_mod::RSTRIP_LONG:
      return Value::string(strip(text, arg_str(0), false, modifier == param_mod::RSTRIP_LONG));
    case param_mod::SUBST_FIRST:
    case param_mod::SUBST_ALL:
      return Value::string(substitute(text, arg_str(0), arg_str(1), modifier == param_mod::SUBST_ALL));
    case param_mod::UPPER:
    case param_mod::LOWER:
      return Value::string(convert_case(text, modifier == param_mod::UPPER, false));
    case param_mod::UPPER_FIRST:
    case param_mod::LOWER_FIRST:
      return Value::string(convert_case(text, modifier == param_mod::UPPER_FIRST, true));
    case param_mod::INDIRECT: {
      const Value* target = vars.get(text);
      return Value::string(target != nullptr ? target->to_str() : std::string());
    }
    case param_mod::KEYS:
      return keys_of(var);
    case param_mod::SLICE:
      return Value::string(slice(text, arg(0), arg(1)));
    default:
      return Value::string("");
  }
}

}  // namespace fusevm::shell
