// The AwkHost defaults, which are DefaultAwkHost's behaviour (AWK.md §7): host-independent
// builtins run the awk:: algorithms; everything that needs awk runtime state (fields, specials,
// I/O, regex builtins, arrays) answers the original's neutral value or does nothing.
#include "fusevm/awk_host.h"

namespace fusevm {

AwkHost::~AwkHost() = default;

// ── Records and fields ──

Value AwkHost::field_get(int64_t /*index*/) { return Value::string(""); }
void AwkHost::field_set(int64_t /*index*/, Value /*value*/) {}
int64_t AwkHost::nf() { return 0; }
void AwkHost::set_record(Value /*record*/) {}
Value AwkHost::special_get(std::string_view /*name*/) { return Value::undef(); }
void AwkHost::special_set(std::string_view /*name*/, Value /*value*/) {}

// ── Output and input ──

void AwkHost::print(std::span<const Value> /*args*/) {}
void AwkHost::printf(std::string_view /*format*/, std::span<const Value> /*args*/) {}
Value AwkHost::sprintf(std::string_view /*format*/, std::span<const Value> /*args*/) {
  return Value::string("");
}
int64_t AwkHost::getline(uint8_t /*source*/, std::optional<std::string_view> /*operand*/,
                         std::optional<std::string_view> /*var_name*/) {
  return 0;
}

// ── String builtins ──

// `length` of $0 needs the record, which only a real host has.
int64_t AwkHost::length(const Value* s) { return s != nullptr ? awk::length(*s) : 0; }
Value AwkHost::substr(const Value& s, int64_t m, std::optional<int64_t> n) {
  return awk::substr(s, m, n);
}
int64_t AwkHost::index(const Value& s, const Value& t) { return awk::index(s, t); }
int64_t AwkHost::split(const Value& /*s*/, std::string_view /*array_name*/, const Value* /*fs*/) {
  return 0;
}
int64_t AwkHost::sub(const Value& /*re*/, const Value& /*repl*/, const AwkLvalue& /*target*/) {
  return 0;
}
int64_t AwkHost::gsub(const Value& /*re*/, const Value& /*repl*/, const AwkLvalue& /*target*/) {
  return 0;
}
int64_t AwkHost::match_re(const Value& /*s*/, const Value& /*re*/) { return 0; }
Value AwkHost::gensub(const Value& /*re*/, const Value& /*repl*/, const Value& /*how*/,
                      const Value* /*target*/) {
  return Value::string("");
}
Value AwkHost::tolower(const Value& s) { return awk::tolower(s); }
Value AwkHost::toupper(const Value& s) { return awk::toupper(s); }

// ── Numeric builtins ──

Value AwkHost::int_(const Value& x) { return awk::int_(x); }
Value AwkHost::sqrt(const Value& x) { return awk::sqrt(x); }
Value AwkHost::sin(const Value& x) { return awk::sin(x); }
Value AwkHost::cos(const Value& x) { return awk::cos(x); }
Value AwkHost::exp(const Value& x) { return awk::exp(x); }
Value AwkHost::log(const Value& x) { return awk::log(x); }
Value AwkHost::atan2(const Value& y, const Value& x) { return awk::atan2(y, x); }
Value AwkHost::bit_and(std::span<const Value> args) { return awk::bit_and(args); }
Value AwkHost::bit_or(std::span<const Value> args) { return awk::bit_or(args); }
Value AwkHost::bit_xor(std::span<const Value> args) { return awk::bit_xor(args); }
Value AwkHost::bit_compl(const Value& v) { return awk::bit_compl(v); }
Value AwkHost::lshift(const Value& v, const Value& n) { return awk::lshift(v, n); }
Value AwkHost::rshift(const Value& v, const Value& n) { return awk::rshift(v, n); }
Value AwkHost::strtonum(const Value& s) { return awk::strtonum(s); }
Value AwkHost::systime() { return awk::systime(); }
Value AwkHost::strftime(std::span<const Value> args) { return awk::strftime(args); }
Value AwkHost::mktime(std::span<const Value> args) { return awk::mktime(args); }
Value AwkHost::ord(const Value& s) { return awk::ord(s); }
Value AwkHost::chr(const Value& n) { return awk::chr(n); }
Value AwkHost::mkbool(const Value& x) { return awk::mkbool(x); }
Value AwkHost::intdiv(const Value& a, const Value& b) { return awk::intdiv(a, b); }
Value AwkHost::intdiv0(const Value& a, const Value& b) { return awk::intdiv0(a, b); }

// ── Associative arrays ──

Value AwkHost::array_get(std::string_view /*name*/, const Value& /*key*/) {
  return Value::string("");
}
void AwkHost::array_set(std::string_view /*name*/, const Value& /*key*/, Value /*value*/) {}
bool AwkHost::array_exists(std::string_view /*name*/, const Value& /*key*/) { return false; }
void AwkHost::array_delete(std::string_view /*name*/, const Value& /*key*/) {}
void AwkHost::array_clear(std::string_view /*name*/) {}
int64_t AwkHost::array_len(std::string_view /*name*/) { return 0; }

}  // namespace fusevm
