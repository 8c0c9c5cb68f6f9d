#include "parser.h"

#include <utility>

#include "lexer.h"

namespace fusevm::awkfront {
namespace {

// Thrown inside the parser only, caught by parse_program: it unwinds a recursive descent that
// may be hundreds of calls deep far more clearly than error codes threaded through every rule.
struct ParseFailure {
  SyntaxError error;
};

bool is_terminator(Tok t) {
  return t == Tok::Semicolon || t == Tok::Newline || t == Tok::RBrace || t == Tok::End;
}

// Tokens that can start an operand of implicit concatenation. '+' and '-' cannot (`a -1` is a
// subtraction), and neither can '!' (`a !b` is not awk).
bool starts_concat_operand(Tok t) {
  switch (t) {
    case Tok::Number: case Tok::String: case Tok::Regex: case Tok::Name: case Tok::FuncName:
    case Tok::Builtin: case Tok::Dollar: case Tok::LParen: case Tok::Increment: case Tok::Decrement:
      return true;
    default:
      return false;
  }
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, Program& out) : toks_(std::move(tokens)), prog_(out) {}

  void parse() {
    skip_terminators();
    while (!at(Tok::End)) {
      const bool ended_with_action = parse_item();
      // POSIX wants a newline or ';' after each item; every awk also accepts another item right
      // after an action's '}' (`{ n++ } END { print n }`).
      if (!at(Tok::End) && !ended_with_action && !at(Tok::Newline) && !at(Tok::Semicolon)) fail_unexpected();
      skip_terminators();
    }
  }

 private:
  // ── Token access ──
  const Token& tok(size_t ahead = 0) const {
    const size_t i = pos_ + ahead;
    return toks_[i < toks_.size() ? i : toks_.size() - 1];
  }
  bool at(Tok t) const { return tok().kind == t; }
  const Token& advance() {
    const Token& t = tok();
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool accept(Tok t) {
    if (!at(t)) return false;
    advance();
    return true;
  }
  const Token& expect(Tok t, const char* context) {
    if (!at(t)) {
      fail(tok().pos, "expected " + std::string(token_spelling(t)) + " " + context + ", found " + describe(tok()));
    }
    return advance();
  }
  void skip_newlines() {
    while (at(Tok::Newline)) advance();
  }
  void skip_terminators() {
    while (at(Tok::Newline) || at(Tok::Semicolon)) advance();
  }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Tok::Name: case Tok::FuncName: case Tok::Builtin: return "'" + t.text + "'";
      case Tok::Number: return "number " + t.text;
      case Tok::String: return "a string";
      case Tok::Regex: return "a regular expression";
      default: return std::string(token_spelling(t.kind));
    }
  }
  [[noreturn]] void fail(SourcePos where, std::string message) { throw ParseFailure{{where, std::move(message)}}; }
  [[noreturn]] void fail_unexpected() { fail(tok().pos, "unexpected " + describe(tok())); }

  // Every recursive rule holds one of these, so nesting cannot exhaust the C++ stack.
  struct Nesting {
    explicit Nesting(Parser& p) : parser(p) {
      if (++parser.depth_ > kMaxParseNesting)
        parser.fail(parser.tok().pos, "program nested too deeply (more than " +
                                          std::to_string(kMaxParseNesting) + " levels)");
    }
    ~Nesting() { --parser.depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    Parser& parser;
  };

  // The index of the token after the ')' that closes the '(' at `pos_ + ahead`, and whether a
  // comma appears at the top level inside. Newlines do not matter; an unbalanced paren gives
  // the end of the tokens.
  std::pair<size_t, bool> after_matching_paren(size_t ahead = 0) const {
    int depth = 0;
    bool comma = false;
    for (size_t i = pos_ + ahead; i < toks_.size(); ++i) {
      const Tok t = toks_[i].kind;
      if (t == Tok::LParen || t == Tok::LBracket) ++depth;
      else if (t == Tok::RParen || t == Tok::RBracket) {
        if (--depth == 0) return {i + 1, comma};
      } else if (t == Tok::Comma && depth == 1) comma = true;
      else if (t == Tok::End || t == Tok::LBrace || t == Tok::RBrace) break;
    }
    return {toks_.size() - 1, comma};
  }
  Tok kind_at(size_t index) const { return toks_[index < toks_.size() ? index : toks_.size() - 1].kind; }

  // ── Node construction ──
  ExprId add(Expr e) {
    prog_.exprs.push_back(std::move(e));
    return static_cast<ExprId>(prog_.exprs.size() - 1);
  }
  ExprId add(ExprKind kind, uint8_t op, SourcePos pos, ExprId a = kNoExpr, ExprId b = kNoExpr, ExprId c = kNoExpr) {
    Expr e;
    e.kind = kind;
    e.op = op;
    e.pos = pos;
    e.a = a;
    e.b = b;
    e.c = c;
    return add(std::move(e));
  }
  ExprId binary(BinaryOp op, SourcePos pos, ExprId a, ExprId b) {
    return add(ExprKind::Binary, static_cast<uint8_t>(op), pos, a, b);
  }
  StmtId add(Stmt s) {
    prog_.stmts.push_back(std::move(s));
    return static_cast<StmtId>(prog_.stmts.size() - 1);
  }
  StmtId simple(StmtKind kind, SourcePos pos, ExprId a = kNoExpr) {
    Stmt s;
    s.kind = kind;
    s.pos = pos;
    s.a = a;
    return add(std::move(s));
  }
  bool is_lvalue(ExprId id) const {
    const ExprKind k = prog_.exprs[id].kind;
    return k == ExprKind::Var || k == ExprKind::Field || k == ExprKind::Index;
  }

  // ── Program items ──
  // Returns whether the item ended with a '}'.
  bool parse_item() {
    const SourcePos start = tok().pos;
    if (at(Tok::Function)) {
      parse_function();
      return true;
    }
    Rule rule;
    rule.pos = start;
    if (accept(Tok::Begin)) {
      rule.kind = RuleKind::Begin;
      if (!at(Tok::LBrace)) fail(tok().pos, "BEGIN needs an action in braces");
    } else if (accept(Tok::EndKw)) {
      rule.kind = RuleKind::End;
      if (!at(Tok::LBrace)) fail(tok().pos, "END needs an action in braces");
    } else if (!at(Tok::LBrace)) {
      rule.pattern = parse_expr();
      if (accept(Tok::Comma)) {
        skip_newlines();
        rule.range_end = parse_expr();
      }
    }
    in_begin_or_end_ = rule.kind != RuleKind::Main;
    if (at(Tok::LBrace)) rule.action = parse_block();
    in_begin_or_end_ = false;
    prog_.rules.push_back(rule);
    return rule.action != kNoStmt;
  }

  void parse_function() {
    const SourcePos start = advance().pos;
    Function fn;
    fn.pos = start;
    if (at(Tok::Builtin)) fail(tok().pos, "'" + tok().text + "' is a builtin function and cannot be redefined");
    if (!at(Tok::Name) && !at(Tok::FuncName)) fail(tok().pos, "expected a function name, found " + describe(tok()));
    fn.name = advance().text;
    expect(Tok::LParen, "after the function name");
    skip_newlines();
    if (!at(Tok::RParen)) {
      while (true) {
        if (!at(Tok::Name)) fail(tok().pos, "expected a parameter name, found " + describe(tok()));
        fn.params.push_back(advance().text);
        skip_newlines();
        if (!accept(Tok::Comma)) break;
        skip_newlines();
      }
    }
    expect(Tok::RParen, "after the parameters");
    skip_newlines();
    if (!at(Tok::LBrace)) fail(tok().pos, "expected '{' to begin the body of function " + fn.name);
    in_function_ = true;
    fn.body = parse_block();
    in_function_ = false;
    prog_.functions.push_back(std::move(fn));
  }

  // ── Statements ──
  StmtId parse_block() {
    Nesting guard(*this);
    Stmt block;
    block.kind = StmtKind::Block;
    block.pos = expect(Tok::LBrace, "").pos;
    skip_terminators();
    while (!at(Tok::RBrace)) {
      if (at(Tok::End)) fail(tok().pos, "missing '}' (the block opened at line " + std::to_string(block.pos.line) + ")");
      block.body.push_back(parse_statement());
      skip_terminators();
    }
    advance();
    return add(std::move(block));
  }

  // A statement that ends at ';', a newline, or (without consuming it) '}'.
  void end_simple_statement() {
    if (at(Tok::Semicolon) || at(Tok::Newline)) {
      advance();
      return;
    }
    if (at(Tok::RBrace) || at(Tok::End)) return;
    fail_unexpected();
  }

  // The body of if/while/for/else: newlines first are allowed; a lone ';' is an empty body.
  StmtId parse_body() {
    skip_newlines();
    if (at(Tok::Semicolon)) {
      const SourcePos p = advance().pos;
      Stmt empty;
      empty.kind = StmtKind::Block;
      empty.pos = p;
      return add(std::move(empty));
    }
    return parse_statement();
  }

  StmtId parse_statement() {
    Nesting guard(*this);
    const SourcePos start = tok().pos;
    switch (tok().kind) {
      case Tok::LBrace:
        return parse_block();
      case Tok::If: {
        advance();
        expect(Tok::LParen, "after 'if'");
        Stmt s;
        s.kind = StmtKind::If;
        s.pos = start;
        s.a = parse_expr();
        expect(Tok::RParen, "to close the condition of 'if'");
        s.body.push_back(parse_body());
        // `else` may follow after newlines or a ';' that ended the then-branch.
        size_t look = pos_;
        while (kind_at(look) == Tok::Newline || kind_at(look) == Tok::Semicolon) ++look;
        if (kind_at(look) == Tok::Else) {
          pos_ = look + 1;
          s.body.push_back(parse_body());
        }
        return add(std::move(s));
      }
      case Tok::While: {
        advance();
        expect(Tok::LParen, "after 'while'");
        Stmt s;
        s.kind = StmtKind::While;
        s.pos = start;
        s.a = parse_expr();
        expect(Tok::RParen, "to close the condition of 'while'");
        if (at(Tok::Semicolon)) {  // `while (x);` has an empty body
          advance();
          Stmt empty;
          empty.kind = StmtKind::Block;
          empty.pos = start;
          s.body.push_back(add(std::move(empty)));
        } else {
          ++loop_depth_;
          s.body.push_back(parse_body());
          --loop_depth_;
        }
        return add(std::move(s));
      }
      case Tok::Do: {
        advance();
        Stmt s;
        s.kind = StmtKind::Do;
        s.pos = start;
        ++loop_depth_;
        s.body.push_back(parse_body());
        --loop_depth_;
        skip_terminators();
        expect(Tok::While, "after the body of 'do'");
        expect(Tok::LParen, "after 'while'");
        s.a = parse_expr();
        expect(Tok::RParen, "to close the condition of 'do'");
        end_simple_statement();
        return add(std::move(s));
      }
      case Tok::For:
        return parse_for();
      case Tok::Semicolon: {
        advance();
        Stmt empty;
        empty.kind = StmtKind::Block;
        empty.pos = start;
        return add(std::move(empty));
      }
      default: {
        const StmtId s = parse_simple_statement();
        end_simple_statement();
        return s;
      }
    }
  }

  StmtId parse_for() {
    const SourcePos start = advance().pos;
    expect(Tok::LParen, "after 'for'");
    // for (name in array) — and the same with the name in parentheses.
    const bool bare = at(Tok::Name) && kind_at(pos_ + 1) == Tok::In && kind_at(pos_ + 2) == Tok::Name &&
                      kind_at(pos_ + 3) == Tok::RParen;
    const bool wrapped = at(Tok::LParen) && kind_at(pos_ + 1) == Tok::Name && kind_at(pos_ + 2) == Tok::RParen &&
                         kind_at(pos_ + 3) == Tok::In && kind_at(pos_ + 4) == Tok::Name &&
                         kind_at(pos_ + 5) == Tok::RParen;
    if (bare || wrapped) {
      Stmt s;
      s.kind = StmtKind::ForIn;
      s.pos = start;
      if (wrapped) advance();
      s.name = advance().text;
      if (wrapped) advance();
      advance();  // in
      s.array = advance().text;
      advance();  // )
      ++loop_depth_;
      s.body.push_back(parse_body());
      --loop_depth_;
      return add(std::move(s));
    }
    Stmt s;
    s.kind = StmtKind::For;
    s.pos = start;
    if (!at(Tok::Semicolon)) s.init = parse_simple_statement();
    expect(Tok::Semicolon, "after the initialisation of 'for'");
    skip_newlines();
    if (!at(Tok::Semicolon)) s.a = parse_expr();
    expect(Tok::Semicolon, "after the condition of 'for'");
    skip_newlines();
    if (!at(Tok::RParen)) s.step = parse_simple_statement();
    expect(Tok::RParen, "to close 'for'");
    ++loop_depth_;
    s.body.push_back(parse_body());
    --loop_depth_;
    return add(std::move(s));
  }

  StmtId parse_simple_statement() {
    const SourcePos start = tok().pos;
    switch (tok().kind) {
      case Tok::Print:
      case Tok::Printf:
        return parse_print();
      case Tok::Next:
      case Tok::NextFile: {
        const bool file = at(Tok::NextFile);
        if (in_begin_or_end_)
          fail(start, std::string(file ? "nextfile" : "next") + " is not allowed in BEGIN or END");
        advance();
        return simple(file ? StmtKind::NextFile : StmtKind::Next, start);
      }
      case Tok::Exit: {
        advance();
        return simple(StmtKind::Exit, start, is_terminator(tok().kind) ? kNoExpr : parse_expr());
      }
      case Tok::Return: {
        if (!in_function_) fail(start, "return outside a function");
        advance();
        return simple(StmtKind::Return, start, is_terminator(tok().kind) ? kNoExpr : parse_expr());
      }
      case Tok::Break:
      case Tok::Continue: {
        const bool is_break = at(Tok::Break);
        if (loop_depth_ == 0) fail(start, std::string(is_break ? "break" : "continue") + " outside a loop");
        advance();
        return simple(is_break ? StmtKind::Break : StmtKind::Continue, start);
      }
      case Tok::Delete: {
        advance();
        Stmt s;
        s.kind = StmtKind::Delete;
        s.pos = start;
        const bool wrapped = at(Tok::LParen) && kind_at(pos_ + 1) == Tok::Name && kind_at(pos_ + 2) == Tok::RParen;
        if (wrapped) advance();
        if (!at(Tok::Name)) fail(tok().pos, "expected an array name after 'delete', found " + describe(tok()));
        s.array = advance().text;
        if (wrapped) {
          advance();
        } else if (accept(Tok::LBracket)) {
          s.args = parse_expr_list(Tok::RBracket);
          expect(Tok::RBracket, "to close the subscript");
        }
        return add(std::move(s));
      }
      default:
        return simple(StmtKind::Expr, start, parse_expr());
    }
  }

  StmtId parse_print() {
    Stmt s;
    s.kind = at(Tok::Print) ? StmtKind::Print : StmtKind::Printf;
    s.pos = advance().pos;
    const auto ends_print = [](Tok t) {
      return is_terminator(t) || t == Tok::Greater || t == Tok::Append || t == Tok::Pipe;
    };
    if (at(Tok::LParen) && ends_print(kind_at(after_matching_paren().first))) {
      // print (a, b) > "f": the parentheses hold the whole list, and inside them '>' compares.
      advance();
      s.args = parse_expr_list(Tok::RParen);
      expect(Tok::RParen, "to close the print list");
    } else if (!ends_print(tok().kind)) {
      const bool saved = in_print_;
      in_print_ = true;
      s.args = parse_expr_list(Tok::End);
      in_print_ = saved;
    }
    if (s.kind == StmtKind::Printf && s.args.empty()) fail(s.pos, "printf needs a format");
    if (at(Tok::Greater) || at(Tok::Append) || at(Tok::Pipe)) {
      s.redirect = at(Tok::Greater) ? Redirect::File : at(Tok::Append) ? Redirect::Append : Redirect::Pipe;
      advance();
      const bool saved = in_print_;
      in_print_ = true;
      s.target = parse_concat();
      in_print_ = saved;
    }
    return add(std::move(s));
  }

  // Comma-separated expressions (newlines allowed after each comma), up to but not including
  // `closer` (End: no closing token; the list ends where an expression cannot continue).
  std::vector<ExprId> parse_expr_list(Tok closer) {
    std::vector<ExprId> list;
    if (closer != Tok::End) skip_newlines();
    if (closer != Tok::End && at(closer)) return list;
    while (true) {
      list.push_back(parse_expr());
      if (closer != Tok::End) skip_newlines();
      if (!accept(Tok::Comma)) break;
      skip_newlines();
    }
    return list;
  }

  // ── Expressions, lowest precedence first ──
  ExprId parse_expr() {
    Nesting guard(*this);
    const ExprId lhs = parse_ternary();
    AssignOp op;
    switch (tok().kind) {
      case Tok::Assign: op = AssignOp::Plain; break;
      case Tok::AddAssign: op = AssignOp::Add; break;
      case Tok::SubAssign: op = AssignOp::Sub; break;
      case Tok::MulAssign: op = AssignOp::Mul; break;
      case Tok::DivAssign: op = AssignOp::Div; break;
      case Tok::ModAssign: op = AssignOp::Mod; break;
      case Tok::PowAssign: op = AssignOp::Pow; break;
      default: return lhs;
    }
    if (!is_lvalue(lhs)) fail(tok().pos, "the left side of " + std::string(token_spelling(tok().kind)) + " is not a variable, field or array element");
    const SourcePos p = advance().pos;
    skip_newlines();
    const ExprId rhs = parse_expr();
    return add(ExprKind::Assign, static_cast<uint8_t>(op), p, lhs, rhs);
  }

  ExprId parse_ternary() {
    const ExprId cond = parse_or();
    if (!at(Tok::Question)) return cond;
    Nesting guard(*this);
    const SourcePos p = advance().pos;
    skip_newlines();
    const ExprId yes = parse_expr();
    skip_newlines();
    expect(Tok::Colon, "in a conditional expression");
    skip_newlines();
    const ExprId no = parse_expr();
    return add(ExprKind::Cond, 0, p, cond, yes, no);
  }

  ExprId parse_or() {
    ExprId lhs = parse_and();
    while (at(Tok::Or)) {
      const SourcePos p = advance().pos;
      skip_newlines();
      lhs = binary(BinaryOp::Or, p, lhs, parse_and());
    }
    return lhs;
  }

  ExprId parse_and() {
    ExprId lhs = parse_in();
    while (at(Tok::And)) {
      const SourcePos p = advance().pos;
      skip_newlines();
      lhs = binary(BinaryOp::And, p, lhs, parse_in());
    }
    return lhs;
  }

  ExprId parse_in() {
    ExprId lhs = parse_match();
    while (at(Tok::In)) {
      const SourcePos p = advance().pos;
      if (!at(Tok::Name)) fail(tok().pos, "expected an array name after 'in', found " + describe(tok()));
      Expr e;
      e.kind = ExprKind::In;
      e.pos = p;
      e.args = {lhs};
      e.text = advance().text;
      lhs = add(std::move(e));
    }
    return lhs;
  }

  ExprId parse_match() {
    ExprId lhs = parse_comparison();
    while (at(Tok::Tilde) || at(Tok::NoMatch)) {
      const BinaryOp op = at(Tok::Tilde) ? BinaryOp::Match : BinaryOp::NoMatch;
      const SourcePos p = advance().pos;
      lhs = binary(op, p, lhs, parse_comparison());
    }
    return lhs;
  }

  ExprId parse_comparison() {
    ExprId lhs = parse_concat();
    while (true) {
      BinaryOp op;
      switch (tok().kind) {
        case Tok::Less: op = BinaryOp::Less; break;
        case Tok::LessEqual: op = BinaryOp::LessEqual; break;
        case Tok::Equal: op = BinaryOp::Equal; break;
        case Tok::NotEqual: op = BinaryOp::NotEqual; break;
        case Tok::GreaterEqual: op = BinaryOp::GreaterEqual; break;
        case Tok::Greater:
          if (in_print_) return lhs;  // print a > "file"
          op = BinaryOp::Greater;
          break;
        default: return lhs;
      }
      const SourcePos p = advance().pos;
      lhs = binary(op, p, lhs, parse_concat());
    }
  }

  ExprId parse_concat() {
    ExprId lhs = parse_additive();
    while (true) {
      if (at(Tok::Pipe) && kind_at(pos_ + 1) == Tok::Getline) {
        // cmd | getline [var]: the command is everything concatenated so far.
        const SourcePos p = advance().pos;
        advance();
        const ExprId var = parse_optional_getline_target();
        lhs = add(ExprKind::Getline, static_cast<uint8_t>(GetlineOp::Command), p, var, kNoExpr, lhs);
        continue;
      }
      if (!starts_concat_operand(tok().kind)) return lhs;
      // `a (b, c) in d` would be odd but legal; `print a (b)` is a concatenation.
      const SourcePos p = tok().pos;
      lhs = binary(BinaryOp::Concat, p, lhs, parse_additive());
    }
  }

  ExprId parse_additive() {
    ExprId lhs = parse_multiplicative();
    while (at(Tok::Plus) || at(Tok::Minus)) {
      const BinaryOp op = at(Tok::Plus) ? BinaryOp::Add : BinaryOp::Sub;
      const SourcePos p = advance().pos;
      lhs = binary(op, p, lhs, parse_multiplicative());
    }
    return lhs;
  }

  ExprId parse_multiplicative() {
    ExprId lhs = parse_unary();
    while (at(Tok::Star) || at(Tok::Slash) || at(Tok::Percent)) {
      const BinaryOp op = at(Tok::Star) ? BinaryOp::Mul : at(Tok::Slash) ? BinaryOp::Div : BinaryOp::Mod;
      const SourcePos p = advance().pos;
      lhs = binary(op, p, lhs, parse_unary());
    }
    return lhs;
  }

  ExprId parse_unary() {
    UnaryOp op;
    switch (tok().kind) {
      case Tok::Not: op = UnaryOp::Not; break;
      case Tok::Minus: op = UnaryOp::Negate; break;
      case Tok::Plus: op = UnaryOp::Plus; break;
      default: return parse_power();
    }
    Nesting guard(*this);
    const SourcePos p = advance().pos;
    return add(ExprKind::Unary, static_cast<uint8_t>(op), p, parse_unary());
  }

  ExprId parse_power() {
    const ExprId base = parse_postfix();
    if (!at(Tok::Caret)) return base;
    Nesting guard(*this);
    const SourcePos p = advance().pos;
    // Right-associative, and the exponent may carry a sign: 2^-1, 2^3^2 = 2^9.
    return binary(BinaryOp::Pow, p, base, parse_unary());
  }

  ExprId parse_postfix() {
    const ExprId e = parse_primary();
    if ((at(Tok::Increment) || at(Tok::Decrement)) && is_lvalue(e)) {
      const IncDecOp op = at(Tok::Increment) ? IncDecOp::PostIncrement : IncDecOp::PostDecrement;
      const SourcePos p = advance().pos;
      return add(ExprKind::IncDec, static_cast<uint8_t>(op), p, e);
    }
    return e;
  }

  // What follows '$': a primary, or a signed/negated/incremented one (`$-1`, `$++i`, `$!x`);
  // `$x++` is `($x)++` and `$x^2` is `($x)^2`.
  ExprId parse_field_operand() {
    Nesting guard(*this);
    if (at(Tok::Minus) || at(Tok::Plus) || at(Tok::Not)) {
      const UnaryOp op = at(Tok::Minus) ? UnaryOp::Negate : at(Tok::Plus) ? UnaryOp::Plus : UnaryOp::Not;
      const SourcePos p = advance().pos;
      return add(ExprKind::Unary, static_cast<uint8_t>(op), p, parse_field_operand());
    }
    return parse_primary();
  }

  // An lvalue: name, name[subscripts] or $operand.
  ExprId parse_lvalue(const char* context) {
    if (at(Tok::Dollar)) {
      const SourcePos p = advance().pos;
      return add(ExprKind::Field, 0, p, parse_field_operand());
    }
    if (!at(Tok::Name)) fail(tok().pos, std::string("expected a variable, field or array element ") + context + ", found " + describe(tok()));
    return parse_name();
  }

  ExprId parse_optional_getline_target() {
    if (at(Tok::Name) || at(Tok::Dollar)) return parse_lvalue("after getline");
    return kNoExpr;
  }

  ExprId parse_name() {
    Expr e;
    e.pos = tok().pos;
    e.text = advance().text;
    e.kind = ExprKind::Var;
    if (at(Tok::LBracket)) {
      Nesting guard(*this);
      advance();
      const bool saved = in_print_;
      in_print_ = false;
      e.args = parse_expr_list(Tok::RBracket);
      in_print_ = saved;
      if (e.args.empty()) fail(tok().pos, "an array subscript cannot be empty");
      expect(Tok::RBracket, "to close the subscript");
      e.kind = ExprKind::Index;
    }
    return add(std::move(e));
  }

  std::vector<ExprId> parse_call_args() {
    Nesting guard(*this);
    expect(Tok::LParen, "");
    const bool saved = in_print_;
    in_print_ = false;
    std::vector<ExprId> args = parse_expr_list(Tok::RParen);
    in_print_ = saved;
    expect(Tok::RParen, "to close the argument list");
    return args;
  }

  ExprId parse_primary() {
    const Token& t = tok();
    const SourcePos start = t.pos;
    switch (t.kind) {
      case Tok::Number: {
        Expr e;
        e.kind = ExprKind::Number;
        e.pos = start;
        e.text = t.text;
        e.number = t.number;
        advance();
        return add(std::move(e));
      }
      case Tok::String:
      case Tok::Regex: {
        Expr e;
        e.kind = t.kind == Tok::String ? ExprKind::String : ExprKind::Regex;
        e.pos = start;
        e.text = t.text;
        advance();
        return add(std::move(e));
      }
      case Tok::Name:
        return parse_name();
      case Tok::Dollar: {
        advance();
        return add(ExprKind::Field, 0, start, parse_field_operand());
      }
      case Tok::Increment:
      case Tok::Decrement: {
        const IncDecOp op = t.kind == Tok::Increment ? IncDecOp::PreIncrement : IncDecOp::PreDecrement;
        advance();
        return add(ExprKind::IncDec, static_cast<uint8_t>(op), start, parse_lvalue("after ++ or --"));
      }
      case Tok::LParen:
        return parse_paren();
      case Tok::FuncName: {
        Expr e;
        e.kind = ExprKind::UserCall;
        e.pos = start;
        e.text = t.text;
        advance();
        e.args = parse_call_args();
        return add(std::move(e));
      }
      case Tok::Builtin:
        return parse_builtin();
      case Tok::Getline: {
        advance();
        const ExprId var = parse_optional_getline_target();
        if (at(Tok::Less)) {
          advance();
          // The file is a primary: `getline < "a" "b"` reads "a" (gawk and mawk agree).
          const ExprId file = parse_getline_file();
          return add(ExprKind::Getline, static_cast<uint8_t>(GetlineOp::File), start, var, file);
        }
        return add(ExprKind::Getline, static_cast<uint8_t>(GetlineOp::Main), start, var);
      }
      default:
        fail_unexpected();
    }
  }

  ExprId parse_getline_file() {
    Nesting guard(*this);
    if (at(Tok::Dollar)) {
      const SourcePos p = advance().pos;
      return add(ExprKind::Field, 0, p, parse_field_operand());
    }
    if (at(Tok::Minus) || at(Tok::Plus) || at(Tok::Not)) fail_unexpected();
    return parse_postfix();
  }

  ExprId parse_paren() {
    Nesting guard(*this);
    const SourcePos start = tok().pos;
    const auto [after, has_comma] = after_matching_paren();
    const bool saved = in_print_;
    in_print_ = false;
    if (has_comma) {
      // (a, b) in array: the only place a parenthesised list is an expression.
      if (kind_at(after) != Tok::In) fail(start, "a parenthesised list must be followed by 'in' and an array name");
      advance();
      std::vector<ExprId> subs = parse_expr_list(Tok::RParen);
      expect(Tok::RParen, "to close the subscript list");
      in_print_ = saved;
      const SourcePos p = expect(Tok::In, "after a subscript list").pos;
      if (!at(Tok::Name)) fail(tok().pos, "expected an array name after 'in', found " + describe(tok()));
      Expr e;
      e.kind = ExprKind::In;
      e.pos = p;
      e.args = std::move(subs);
      e.text = advance().text;
      return add(std::move(e));
    }
    advance();
    skip_newlines();
    const ExprId inner = parse_expr();
    skip_newlines();
    expect(Tok::RParen, "to close the parenthesis");
    in_print_ = saved;
    return inner;
  }

  ExprId parse_builtin() {
    Expr e;
    e.kind = ExprKind::BuiltinCall;
    e.pos = tok().pos;
    e.builtin = tok().builtin;
    e.text = tok().text;
    advance();
    const BuiltinInfo& info = builtin_info(e.builtin);
    if (at(Tok::LParen)) {
      e.args = parse_call_args();
    } else if (e.builtin != Builtin::Length) {
      fail(tok().pos, "expected '(' after '" + e.text + "'");
    }
    const int n = static_cast<int>(e.args.size());
    if (n < info.min_args || (info.max_args >= 0 && n > info.max_args)) {
      const std::string wanted = info.max_args < 0 ? "at least " + std::to_string(info.min_args)
                                 : info.min_args == info.max_args
                                     ? std::to_string(info.min_args)
                                     : std::to_string(info.min_args) + " to " + std::to_string(info.max_args);
      fail(e.pos, e.text + " takes " + wanted + " argument" + (wanted == "1" ? "" : "s") + ", not " + std::to_string(n));
    }
    return add(std::move(e));
  }

  std::vector<Token> toks_;
  Program& prog_;
  size_t pos_ = 0;
  uint32_t depth_ = 0;
  uint32_t loop_depth_ = 0;
  bool in_print_ = false;
  bool in_function_ = false;
  bool in_begin_or_end_ = false;
};

}  // namespace

bool parse_program(const std::vector<Source>& sources, Program& out, SyntaxError& error) {
  std::vector<Token> tokens;
  for (uint32_t i = 0; i < sources.size(); ++i) {
    if (!lex(sources[i], i, tokens, error)) return false;
    // Sources join like lines of one program: each one's end is a newline.
    if (i + 1 < sources.size()) tokens.back().kind = Tok::Newline;
  }
  if (tokens.empty()) tokens.push_back(Token{});
  out = Program{};
  try {
    Parser(std::move(tokens), out).parse();
  } catch (const ParseFailure& failure) {
    error = failure.error;
    return false;
  }
  return true;
}

}  // namespace fusevm::awkfront
