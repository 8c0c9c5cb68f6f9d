#include "ast_printer.h"

#include <cstdio>

#include "lexer.h"

namespace fusevm::awkfront {
namespace {

constexpr const char* kBinarySpelling[] = {"+", "-", "*", "/", "%", "^", " ", "<", "<=", "==", "!=",
                                           ">", ">=", "~", "!~", "&&", "||"};
constexpr const char* kAssignSpelling[] = {"=", "+=", "-=", "*=", "/=", "%=", "^="};

std::string quote_string(const std::string& value) {
  std::string out = "\"";
  for (const char ch : value) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char octal[8];
          std::snprintf(octal, sizeof octal, "\\%03o", c);
          out += octal;
        } else {
          out += ch;
        }
    }
  }
  return out + '"';
}

// A '/' ends a regex literal only outside a bracket expression, so only there is it escaped;
// the bracket rules are the lexer's (an escaped pair is copied, a ']' right after '[' or '[^'
// is a member, [:class:] elements are whole).
std::string quote_regex(const std::string& pattern) {
  std::string out = "/";
  bool in_bracket = false;
  for (size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out.append(pattern, i, 2);
      i += 2;
      continue;
    }
    if (!in_bracket && c == '[') {
      in_bracket = true;
      out += c;
      ++i;
      if (i < pattern.size() && pattern[i] == '^') out += pattern[i++];
      if (i < pattern.size() && pattern[i] == ']') out += pattern[i++];
      continue;
    }
    if (in_bracket && c == '[') {
      if (const size_t end = bracket_element_end(pattern, i); end != 0) {
        out.append(pattern, i, end - i);
        i = end;
        continue;
      }
    }
    if (in_bracket && c == ']') in_bracket = false;
    if (!in_bracket && c == '/') out += '\\';
    out += c;
    ++i;
  }
  return out + '/';
}

class Printer {
 public:
  explicit Printer(const Program& p) : p_(p) {}

  std::string program() {
    for (const Function& fn : p_.functions) {
      out_ += "function " + fn.name + "(";
      for (size_t i = 0; i < fn.params.size(); ++i) out_ += (i ? ", " : "") + fn.params[i];
      out_ += ") ";
      block(fn.body, 0);
      out_ += '\n';
    }
    for (const Rule& r : p_.rules) {
      if (r.kind == RuleKind::Begin) out_ += "BEGIN";
      if (r.kind == RuleKind::End) out_ += "END";
      if (r.pattern != kNoExpr) out_ += expr(r.pattern);
      if (r.range_end != kNoExpr) out_ += ", " + expr(r.range_end);
      if (r.action != kNoStmt) {
        if (r.kind != RuleKind::Main || r.pattern != kNoExpr) out_ += ' ';
        block(r.action, 0);
      }
      out_ += '\n';
    }
    return std::move(out_);
  }

 private:
  std::string list(const std::vector<ExprId>& ids) {
    std::string s;
    for (size_t i = 0; i < ids.size(); ++i) s += (i ? ", " : "") + expr(ids[i]);
    return s;
  }

  // An lvalue prints bare: `(x) = 1` is not awk everywhere.
  std::string expr(ExprId id) {
    const Expr& e = p_.expr(id);
    switch (e.kind) {
      case ExprKind::Number: return e.text;
      case ExprKind::String: return quote_string(e.text);
      case ExprKind::Regex: return quote_regex(e.text);
      case ExprKind::Var: return e.text;
      case ExprKind::Field: return "$(" + expr(e.a) + ")";
      case ExprKind::Index: return e.text + "[" + list(e.args) + "]";
      case ExprKind::Unary: {
        static constexpr const char* kUnary[] = {"-", "+", "!"};
        return std::string("(") + kUnary[e.op] + "(" + expr(e.a) + "))";
      }
      case ExprKind::Binary:
        return "((" + expr(e.a) + ")" + kBinarySpelling[e.op] + "(" + expr(e.b) + "))";
      case ExprKind::Assign:
        return "(" + expr(e.a) + " " + kAssignSpelling[e.op] + " " + expr(e.b) + ")";
      case ExprKind::Cond:
        return "((" + expr(e.a) + ") ? (" + expr(e.b) + ") : (" + expr(e.c) + "))";
      case ExprKind::In: return "((" + list(e.args) + ") in " + e.text + ")";
      case ExprKind::IncDec: {
        switch (static_cast<IncDecOp>(e.op)) {
          case IncDecOp::PreIncrement: return "(++" + expr(e.a) + ")";
          case IncDecOp::PreDecrement: return "(--" + expr(e.a) + ")";
          case IncDecOp::PostIncrement: return "(" + expr(e.a) + "++)";
          case IncDecOp::PostDecrement: return "(" + expr(e.a) + "--)";
        }
        return "";
      }
      case ExprKind::BuiltinCall: return e.text + "(" + list(e.args) + ")";
      case ExprKind::UserCall: return e.text + "(" + list(e.args) + ")";
      case ExprKind::Getline: {
        const std::string var = e.a != kNoExpr ? " " + expr(e.a) : "";
        switch (static_cast<GetlineOp>(e.op)) {
          case GetlineOp::Main: return "(getline" + var + ")";
          case GetlineOp::File: return "(getline" + var + " < (" + expr(e.b) + "))";
          case GetlineOp::Command: return "((" + expr(e.c) + ") | getline" + var + ")";
        }
        return "";
      }
    }
    return "";
  }

  void indent(int depth) { out_.append(static_cast<size_t>(depth) * 2, ' '); }

  void block(StmtId id, int depth) {
    const Stmt& s = p_.stmt(id);
    if (s.kind != StmtKind::Block) {
      out_ += "{\n";
      statement(id, depth + 1);
      indent(depth);
      out_ += '}';
      return;
    }
    out_ += "{\n";
    for (const StmtId child : s.body) statement(child, depth + 1);
    indent(depth);
    out_ += '}';
  }

  std::string simple(StmtId id) {
    const Stmt& s = p_.stmt(id);
    switch (s.kind) {
      case StmtKind::Expr: return expr(s.a);
      case StmtKind::Print:
      case StmtKind::Printf: {
        std::string text = s.kind == StmtKind::Print ? "print" : "printf";
        if (!s.args.empty()) text += " (" + list(s.args) + ")";
        static constexpr const char* kRedirect[] = {"", " > ", " >> ", " | "};
        if (s.redirect != Redirect::None) text += kRedirect[static_cast<int>(s.redirect)] + ("(" + expr(s.target) + ")");
        return text;
      }
      case StmtKind::Next: return "next";
      case StmtKind::NextFile: return "nextfile";
      case StmtKind::Exit: return s.a != kNoExpr ? "exit (" + expr(s.a) + ")" : "exit";
      case StmtKind::Return: return s.a != kNoExpr ? "return (" + expr(s.a) + ")" : "return";
      case StmtKind::Break: return "break";
      case StmtKind::Continue: return "continue";
      case StmtKind::Delete: return "delete " + s.array + (s.args.empty() ? "" : "[" + list(s.args) + "]");
      default: return "";
    }
  }

  void statement(StmtId id, int depth) {
    const Stmt& s = p_.stmt(id);
    indent(depth);
    switch (s.kind) {
      case StmtKind::Block:
        block(id, depth);
        break;
      case StmtKind::If:
        out_ += "if (" + expr(s.a) + ") ";
        block(s.body[0], depth);
        if (s.body.size() > 1) {
          out_ += " else ";
          block(s.body[1], depth);
        }
        break;
      case StmtKind::While:
        out_ += "while (" + expr(s.a) + ") ";
        block(s.body[0], depth);
        break;
      case StmtKind::Do:
        out_ += "do ";
        block(s.body[0], depth);
        out_ += " while (" + expr(s.a) + ")";
        break;
      case StmtKind::For:
        out_ += "for (" + (s.init != kNoStmt ? simple(s.init) : "") + "; " + (s.a != kNoExpr ? expr(s.a) : "") +
                "; " + (s.step != kNoStmt ? simple(s.step) : "") + ") ";
        block(s.body[0], depth);
        break;
      case StmtKind::ForIn:
        out_ += "for (" + s.name + " in " + s.array + ") ";
        block(s.body[0], depth);
        break;
      default:
        out_ += simple(id);
        break;
    }
    out_ += '\n';
  }

  const Program& p_;
  std::string out_;
};

}  // namespace

std::string print_program(const Program& program) { return Printer(program).program(); }

}  // namespace fusevm::awkfront
