// AwkHost: the awk runtime behind the awk ops (fields, records, special variables, printing,
// getline, regex builtins, associative arrays). The VM pops each op's operands, calls the host
// method and pushes the result (AWK.md §4).
//
// Every method has a default. The host-independent builtins (length of a value, substr, index,
// case mapping, int, math, bit operations, strtonum, time, ord/chr, intdiv) default to the
// algorithms in namespace awk below, which the VM also uses when no host is installed. Methods
// that need awk runtime state (fields, specials, print, getline, sub/gsub/match/split/sprintf,
// arrays) have no meaningful default: with no host installed the VM reports `no awk host set`
// (DEVIATIONS.md E); a host that does not override them gets the original's neutral values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "fusevm/value.h"

namespace fusevm {

/// The target of sub/gsub.
struct AwkLvalue {
  enum class Kind : uint8_t { Var, Field, ArrayElem };
  Kind kind = Kind::Field;
  std::string name;   ///< Var: the variable; ArrayElem: the array
  int64_t field = 0;  ///< Field: the field number ($0 = 0)
  std::string key;    ///< ArrayElem: the joined subscript
};

class AwkHost {
 public:
  virtual ~AwkHost();

  // ── Records and fields ──
  virtual Value field_get(int64_t index);
  virtual void field_set(int64_t index, Value value);
  virtual int64_t nf();
  virtual void set_record(Value record);
  virtual Value special_get(std::string_view name);
  virtual void special_set(std::string_view name, Value value);

  // ── Output and input ──
  virtual void print(std::span<const Value> args);
  virtual void printf(std::string_view format, std::span<const Value> args);
  virtual Value sprintf(std::string_view format, std::span<const Value> args);
  /// 1 a record was read, 0 end of input, -1 error. `operand` is the file or command.
  virtual int64_t getline(uint8_t source, std::optional<std::string_view> operand,
                          std::optional<std::string_view> var_name);

  // ── String builtins ──
  /// `length` of `$0` (nullptr) or of a value, in characters.
  virtual int64_t length(const Value* s);
  virtual Value substr(const Value& s, int64_t m, std::optional<int64_t> n);
  virtual int64_t index(const Value& s, const Value& t);
  virtual int64_t split(const Value& s, std::string_view array_name, const Value* fs);
  virtual int64_t sub(const Value& re, const Value& repl, const AwkLvalue& target);
  virtual int64_t gsub(const Value& re, const Value& repl, const AwkLvalue& target);
  virtual int64_t match_re(const Value& s, const Value& re);
  virtual Value gensub(const Value& re, const Value& repl, const Value& how, const Value* target);
  virtual Value tolower(const Value& s);
  virtual Value toupper(const Value& s);

  // ── Numeric builtins ──
  virtual Value int_(const Value& x);
  virtual Value sqrt(const Value& x);
  virtual Value sin(const Value& x);
  virtual Value cos(const Value& x);
  virtual Value exp(const Value& x);
  virtual Value log(const Value& x);
  virtual Value atan2(const Value& y, const Value& x);
  virtual Value bit_and(std::span<const Value> args);
  virtual Value bit_or(std::span<const Value> args);
  virtual Value bit_xor(std::span<const Value> args);
  virtual Value bit_compl(const Value& v);
  virtual Value lshift(const Value& v, const Value& n);
  virtual Value rshift(const Value& v, const Value& n);
  virtual Value strtonum(const Value& s);
  virtual Value systime();
  virtual Value strftime(std::span<const Value> args);
  virtual Value mktime(std::span<const Value> args);
  virtual Value ord(const Value& s);
  virtual Value chr(const Value& n);
  virtual Value mkbool(const Value& x);
  virtual Value intdiv(const Value& a, const Value& b);
  virtual Value intdiv0(const Value& a, const Value& b);

  // ── Associative arrays ──
  virtual Value array_get(std::string_view name, const Value& key);
  virtual void array_set(std::string_view name, const Value& key, Value value);
  virtual bool array_exists(std::string_view name, const Value& key);
  virtual void array_delete(std::string_view name, const Value& key);
  virtual void array_clear(std::string_view name);
  virtual int64_t array_len(std::string_view name);
};

/// The original's inert host: every default, nothing overridden.
class DefaultAwkHost final : public AwkHost {};

/// The host-independent algorithms (AWK.md §6); the VM uses them when no host is installed.
/// "Characters" are Unicode scalar values of the UTF-8 text; an invalid byte counts as one.
namespace awk {
int64_t length(const Value& s);                                    // §6.1
Value substr(const Value& s, int64_t m, std::optional<int64_t> n);  // §6.2
int64_t index(const Value& s, const Value& t);                     // §6.3
Value tolower(const Value& s);                                     // §6.4
Value toupper(const Value& s);
Value int_(const Value& x);                                        // §6.5
Value sqrt(const Value& x);                                        // §4.6
Value sin(const Value& x);                                         // §6.6 (NaN canonicalised)
Value cos(const Value& x);
Value exp(const Value& x);
Value log(const Value& x);
Value atan2(const Value& y, const Value& x);
Value bit_and(std::span<const Value> args);                        // §6.7
Value bit_or(std::span<const Value> args);
Value bit_xor(std::span<const Value> args);
Value bit_compl(const Value& v);
Value lshift(const Value& v, const Value& n);
Value rshift(const Value& v, const Value& n);
Value strtonum(const Value& s);                                    // §6.8
Value systime();                                                   // §6.9
Value strftime(std::span<const Value> args);                       // §6.11
Value mktime(std::span<const Value> args);                         // §6.12
Value ord(const Value& s);                                         // §6.13
Value chr(const Value& n);
Value mkbool(const Value& x);                                      // §4.8
Value intdiv(const Value& a, const Value& b);                      // §6.14
Value intdiv0(const Value& a, const Value& b);

/// The VM's awk PRNG (§6.10): the next value in [0, 1) from `seed`, advancing it.
double rand_next(uint64_t& seed);
/// srand(): reseeds from `x` (or the clock when nullptr); returns the previous seed's value.
double srand(uint64_t& seed, const Value* x);
}  // namespace awk

}  // namespace fusevm
