// What the compiler knows about an awk program before it emits code: which names are arrays
// and which scalars (awk decides this from use, across function calls, since arrays are passed
// by reference), which globals functions touch, the static type of every variable and
// expression, and which functions may end in `next`, `nextfile` or `exit`.
//
// Types form a small lattice: None (never assigned: always uninitialised) < Num, Str < Any.
// Num means "a Float, Bool or uninitialised value" — something the VM's numeric ops and
// truthiness treat exactly as awk does. Str means "a string that is not a numeric string, or
// uninitialised". Any is everything else (fields, array elements, input, parameters).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "awk/ast.h"
#include "awk/source.h"

namespace fusevm::awkfront {

enum class Ty : uint8_t { None = 0, Num = 1, Str = 2, Any = 3 };
inline Ty join(Ty a, Ty b) { return static_cast<Ty>(static_cast<uint8_t>(a) | static_cast<uint8_t>(b)); }
/// A type whose values the VM's numeric ops and truthiness handle as awk does.
inline bool is_num(Ty t) { return t == Ty::Num || t == Ty::None; }
inline bool is_str(Ty t) { return t == Ty::Str; }

/// awk's special variables, with the two arrays.
enum class Special : uint8_t {
  None, NR, NF, FNR, FS, OFS, ORS, RS, SUBSEP, CONVFMT, OFMT, RSTART, RLENGTH, FILENAME, ARGC, ARGV, ENVIRON,
};
Special special_named(std::string_view name);
/// The static type of a special variable's value.
Ty special_type(Special s);

/// A global variable or a function parameter.
struct Symbol {
  bool array_use = false;
  bool scalar_use = false;
  SourcePos first_array_use, first_scalar_use;
  Ty ty = Ty::None;
  bool in_function = false;    ///< globals: referenced inside some function
  bool externally_set = false; ///< globals: -v or command-line assignment
  bool is_array() const { return array_use; }
};

struct FunctionInfo {
  const Function* fn = nullptr;
  std::vector<Symbol> params;
  size_t max_args = 0;      ///< the most arguments any call passes
  bool may_raise = false;   ///< may end in next / nextfile / exit (itself or a callee)
};

/// A resolved variable reference.
struct VarRef {
  enum class Kind : uint8_t { Global, Param, Special } kind = Kind::Global;
  Symbol* symbol = nullptr;  ///< Global and Param
  size_t param = 0;          ///< Param: its index
  Special special = Special::None;
  bool is_array() const {
    return kind == Kind::Special ? (special == Special::ARGV || special == Special::ENVIRON) : symbol->is_array();
  }
};

class Analysis {
 public:
  /// Analyses `program`; false with `error` on a semantic error.
  bool run(const Program& program, const std::vector<std::string>& externally_assigned, SyntaxError& error);

  /// The variable `name` as seen from function `fn` (nullptr: outside any function).
  VarRef resolve(std::string_view name, const FunctionInfo* fn);
  /// The function called `name`, or nullptr.
  FunctionInfo* function(std::string_view name);
  FunctionInfo& function_at(size_t i) { return functions_[i]; }
  size_t function_count() const { return functions_.size(); }
  std::map<std::string, Symbol, std::less<>>& globals() { return globals_; }

  /// The static type of an expression (valid after run()).
  Ty type_of(ExprId id, const FunctionInfo* fn);

 private:
  struct ArgEdge {
    FunctionInfo* caller;
    std::string var;
    FunctionInfo* callee;
    size_t param;
    SourcePos pos;
  };

  void collect_stmt(StmtId id, FunctionInfo* fn);
  void collect_expr(ExprId id, FunctionInfo* fn);
  /// Records a use of `name` as an array or as a scalar (a conflict is reported later).
  void use(std::string_view name, FunctionInfo* fn, SourcePos pos, bool as_array);
  void use_scalar(std::string_view name, FunctionInfo* fn, SourcePos pos) { use(name, fn, pos, false); }
  void use_array(std::string_view name, FunctionInfo* fn, SourcePos pos) { use(name, fn, pos, true); }
  bool check_conflicts(SyntaxError& error);
  bool infer_types();
  void assign_stmt(StmtId id, FunctionInfo* fn, bool& changed);
  void assign_expr(ExprId id, FunctionInfo* fn, bool& changed);
  void assign_to(ExprId lvalue, Ty ty, FunctionInfo* fn, bool& changed);
  Ty compute_type(ExprId id, const FunctionInfo* fn);
  bool stmt_raises(StmtId id);
  void fail(SourcePos pos, std::string message);

  const Program* program_ = nullptr;
  std::map<std::string, Symbol, std::less<>> globals_;
  std::vector<FunctionInfo> functions_;
  std::map<std::string, size_t, std::less<>> function_index_;
  std::vector<ArgEdge> edges_;
  std::vector<std::pair<FunctionInfo*, std::string>> calls_;  // caller -> callee name
  bool failed_ = false;
  SyntaxError error_;
};

}  // namespace fusevm::awkfront
