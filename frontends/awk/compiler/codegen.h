// CodeGen: the awk compiler's code generator (see compiler.h for the chunk's shape). Internal to
// the compiler; expressions are in codegen_expr.cpp, builtins in codegen_builtins.cpp,
// statements and the program layout in codegen_stmt.cpp.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "awk/compiler/analysis.h"
#include "awk/compiler/compiler.h"
#include "awk/compiler/emitter.h"

namespace fusevm::awkfront {

/// Thrown inside the code generator for a semantic error; caught by compile_program.
struct CompileFailure {
  SyntaxError error;
};

class CodeGen {
 public:
  CodeGen(const Program& program, Analysis& analysis, const CompileOptions& options, CompiledProgram& out);
  /// Generates the whole chunk into `out`.
  void run();
  /// The source name errors at run time report (the first program file).
  void set_source(std::string name) { builder_.set_source(std::move(name)); }

 private:
  enum class Phase : uint8_t { Begin, Main, End, Function };

  /// A place a value can be stored to, with its subexpressions evaluated once into temporaries.
  struct Place {
    enum class Kind : uint8_t { Var, Field, Element } kind = Kind::Var;
    VarRef var;
    std::string name;      ///< Var: the variable; Element: the array
    SourcePos pos;
    uint16_t index_slot = 0;  ///< Field: the field number; Element: the key
    bool record = false;      ///< Field: it is $0 given implicitly (no temporary)
  };

  // ── Expressions (codegen_expr.cpp) ──
  Ty expr(ExprId id);
  void expr_discard(ExprId id);
  /// Pushes the value as a number (awk's conversion when its type is not numeric).
  void num(ExprId id);
  /// Pushes a value whose VM truthiness is the awk truthiness of the expression.
  void truth(ExprId id);
  /// Jumps to `target` when the expression's truth is `when` (short-circuiting && || !).
  void jump_if(ExprId id, bool when, Label& target);
  void jump_if_false(ExprId id, Label& target) { jump_if(id, false, target); }
  void jump_if_true(ExprId id, Label& target) { jump_if(id, true, target); }
  Ty type(ExprId id) { return analysis_.type_of(id, fn_); }
  Ty binary(const Expr& e);
  Ty concat(const Expr& e);
  Ty assign(const Expr& e, bool want_value);
  Ty incdec(const Expr& e, bool want_value);
  Ty getline(const Expr& e);
  Ty user_call(const Expr& e);
  void arith(BinaryOp op);
  /// Pushes an array key; returns kKeyIsField when it pushed a field number instead (a[$i]),
  /// which the array ops then read as the field's text (allow_field false: never).
  uint64_t subscript(const std::vector<ExprId>& args, bool allow_field = true);
  void field_index(ExprId id);
  void load_string(const std::string& text);
  void to_float();

  // ── Builtins (codegen_builtins.cpp) ──
  Ty builtin(const Expr& e);
  Ty sub_gsub(const Expr& e);

  // ── Variables, arrays and places ──
  VarRef resolve(const std::string& name) { return analysis_.resolve(name, fn_); }
  void load_var(const VarRef& ref, const std::string& name, SourcePos pos);
  void store_var(const VarRef& ref, const std::string& name);
  Ty var_type(const VarRef& ref);
  void push_array(const std::string& name, SourcePos pos);
  uint16_t name_index(const std::string& name);
  size_t regex_index(const std::string& ere, SourcePos pos);
  Place prepare(ExprId lvalue);
  void load_place(const Place& p);
  /// Stores the value on top of the stack into the place (consuming it).
  void store_place(const Place& p);
  void release_place(const Place& p);
  /// After the store of a getline / sub result: [value status] -> [status], storing the value
  /// only where the status is positive.
  void store_if_positive(const Place& p);

  // ── Statements and layout (codegen_stmt.cpp) ──
  void stmt(StmtId id);
  void print(const Stmt& s);
  void for_in(const Stmt& s);
  void exit_stmt(const Stmt& s);
  void signal_stmt(AwkSignalKind kind);
  void end_for_ins();
  /// After a call of a function that may raise next / nextfile / exit: unwinds when one is
  /// pending.
  void unwind_check();
  void rule(const Rule& r);
  void function(FunctionInfo& f);
  void assign_storage();
  void prologue();

  [[noreturn]] void fail(SourcePos pos, std::string message);

  const Program& prog_;
  Analysis& analysis_;
  const CompileOptions& options_;
  CompiledProgram& out_;
  ChunkBuilder builder_;
  Emitter em_;

  FunctionInfo* fn_ = nullptr;
  Phase phase_ = Phase::Begin;
  Label* loop_top_ = nullptr;
  Label* end_section_ = nullptr;
  Label* program_end_ = nullptr;
  Label* begin_done_ = nullptr;
  struct Loop {
    Label* break_to;
    Label* continue_to;
    size_t for_in_depth;  ///< active for-in loops outside this loop
  };
  std::vector<Loop> loops_;
  std::vector<uint16_t> for_ins_;  ///< iterator slots of the enclosing for-in loops

  std::map<std::string, uint16_t, std::less<>> top_slots_;      ///< globals in top-level slots
  std::map<std::string, int64_t, std::less<>> array_handles_;   ///< global arrays
  std::map<std::string, uint16_t, std::less<>> constants_;
  std::map<std::string, size_t, std::less<>> regexes_;
  uint16_t top_vars_ = 0;  ///< slots taken by top-level variables and range flags
  std::vector<uint16_t> range_flags_;
};

}  // namespace fusevm::awkfront
