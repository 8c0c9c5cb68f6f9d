// The syntax tree of an awk program.
//
// Nodes live in two arenas (Program::exprs, Program::stmts) and refer to each other by index, so
// a tree of any depth is freed without recursion and copied with two vector copies.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "token.h"

namespace fusevm::awkfront {

using ExprId = uint32_t;
using StmtId = uint32_t;
inline constexpr ExprId kNoExpr = std::numeric_limits<ExprId>::max();
inline constexpr StmtId kNoStmt = std::numeric_limits<StmtId>::max();

enum class ExprKind : uint8_t {
  Number,       ///< number (text: its spelling)
  String,       ///< string literal (text: its value)
  Regex,        ///< /re/ (text: the pattern); alone in an expression it means `$0 ~ /re/`
  Var,          ///< a variable (text: name)
  Field,        ///< $a
  Index,        ///< text[args...]
  Unary,        ///< op a  (UnaryOp)
  Binary,       ///< a op b  (BinaryOp)
  Assign,       ///< a op= b, a an lvalue  (AssignOp)
  Cond,         ///< a ? b : c
  In,           ///< (args...) in text
  IncDec,       ///< ++a, --a, a++, a-- (IncDecOp), a an lvalue
  BuiltinCall,  ///< builtin(args...)
  UserCall,     ///< text(args...)
  Getline,      ///< getline [a] [< b], or c | getline [a]  (GetlineOp); a an lvalue or none
};

enum class UnaryOp : uint8_t { Negate, Plus, Not };
enum class BinaryOp : uint8_t {
  Add, Sub, Mul, Div, Mod, Pow, Concat,
  Less, LessEqual, Equal, NotEqual, Greater, GreaterEqual,
  Match, NoMatch, And, Or,
};
enum class AssignOp : uint8_t { Plain, Add, Sub, Mul, Div, Mod, Pow };
enum class IncDecOp : uint8_t { PreIncrement, PreDecrement, PostIncrement, PostDecrement };
/// Where getline reads: the main input, a file (`< b`) or a command's output (`c |`).
enum class GetlineOp : uint8_t { Main, File, Command };

struct Expr {
  ExprKind kind = ExprKind::Number;
  uint8_t op = 0;  ///< the UnaryOp / BinaryOp / AssignOp / IncDecOp / GetlineOp, by kind
  Builtin builtin{};
  SourcePos pos;
  ExprId a = kNoExpr, b = kNoExpr, c = kNoExpr;
  std::vector<ExprId> args;  ///< Index subscripts, In subscripts, call arguments
  std::string text;
  double number = 0;
};

enum class StmtKind : uint8_t {
  Expr,      ///< a
  Print,     ///< print args [redirect target]
  Printf,    ///< printf args [redirect target]
  If,        ///< if (a) body[0] else body[1] (body[1] may be absent)
  While,     ///< while (a) body[0]
  Do,        ///< do body[0] while (a)
  For,       ///< for (init; a; step) body[0]; init and step are Expr statements or kNoStmt
  ForIn,     ///< for (name in array) body[0]
  Block,     ///< { body... }
  Next,
  NextFile,
  Exit,      ///< exit [a]
  Return,    ///< return [a]
  Break,
  Continue,
  Delete,    ///< delete array[args...], or the whole array when args is empty
};

/// Output redirection of print/printf.
enum class Redirect : uint8_t { None, File, Append, Pipe };

struct Stmt {
  StmtKind kind = StmtKind::Expr;
  Redirect redirect = Redirect::None;
  SourcePos pos;
  ExprId a = kNoExpr;
  ExprId target = kNoExpr;  ///< the redirection's file or command
  StmtId init = kNoStmt, step = kNoStmt;
  std::vector<ExprId> args;
  std::vector<StmtId> body;
  std::string name;   ///< ForIn: the loop variable; Delete/ForIn: see array
  std::string array;  ///< ForIn, Delete: the array
};

enum class RuleKind : uint8_t { Begin, End, Main };

/// `pattern [, range_end] { action }`; a missing action prints the record.
struct Rule {
  RuleKind kind = RuleKind::Main;
  SourcePos pos;
  ExprId pattern = kNoExpr;    ///< none: every record
  ExprId range_end = kNoExpr;  ///< set for `start, end` range patterns
  StmtId action = kNoStmt;     ///< a Block, or none
};

struct Function {
  std::string name;
  std::vector<std::string> params;
  SourcePos pos;
  StmtId body = kNoStmt;  ///< a Block
};

struct Program {
  std::vector<Expr> exprs;
  std::vector<Stmt> stmts;
  std::vector<Rule> rules;  ///< in source order (BEGIN and END rules among them)
  std::vector<Function> functions;

  const Expr& expr(ExprId id) const { return exprs[id]; }
  const Stmt& stmt(StmtId id) const { return stmts[id]; }
};

}  // namespace fusevm::awkfront
