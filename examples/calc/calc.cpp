// calc: a complete frontend for a tiny language in under 300 lines — a lexer, a recursive-descent
// parser that emits fusevm bytecode as it parses (no AST), and a run under limits:
//
//   fn sq(x) { return x * x; }              # subs: arguments in slots, `return` or 0
//   let total = 0; let i = 1;               # top-level variables are VM globals
//   while i <= 10 { total = total + sq(i); i = i + 1; }
//   print "sum of squares:", total;          # comma-separated, printed with spaces
//   if total > 300 { print "big"; } else { print "small"; }
//   print "root " .. sqrt(total);            # `..` concatenates; sqrt is a host builtin
//
// Usage: calc FILE | calc -e 'PROGRAM'. Syntax errors and run-time errors name the line.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "fusevm/builder.h"
#include "fusevm/vm.h"

using namespace fusevm;

namespace {

struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Tok { Num, Str, Name, Punct, End };
struct Token {
  Tok kind;
  std::string text;
  uint32_t line;
};

std::vector<Token> lex(const std::string& src) {
  std::vector<Token> out;
  uint32_t line = 1;
  for (size_t i = 0; i < src.size();) {
    const char c = src[i];
    if (c == '\n') ++line, ++i;
    else if (std::isspace(static_cast<unsigned char>(c))) ++i;
    else if (c == '#') while (i < src.size() && src[i] != '\n') ++i;
    else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < src.size() && (std::isdigit(static_cast<unsigned char>(src[j])) || src[j] == '.')) ++j;
      out.push_back({Tok::Num, src.substr(i, j - i), line}), i = j;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < src.size() && (std::isalnum(static_cast<unsigned char>(src[j])) || src[j] == '_')) ++j;
      out.push_back({Tok::Name, src.substr(i, j - i), line}), i = j;
    } else if (c == '"') {
      const size_t end = src.find('"', i + 1);
      if (end == std::string::npos) throw SyntaxError(std::to_string(line) + ": unterminated string");
      out.push_back({Tok::Str, src.substr(i + 1, end - i - 1), line}), i = end + 1;
    } else {
      static const char* const two[] = {"==", "!=", "<=", ">=", ".."};
      std::string p(1, c);
      for (const char* t : two)
        if (src.compare(i, 2, t) == 0) p = t;
      if (p.size() == 1 && std::string("(){},;=<>+-*/%!").find(c) == std::string::npos)
        throw SyntaxError(std::to_string(line) + ": unexpected character '" + p + "'");
      out.push_back({Tok::Punct, p, line}), i += p.size();
    }
  }
  out.push_back({Tok::End, "end of input", line});
  return out;
}

// Host builtins the language knows by name: CallBuiltin id argc.
const std::map<std::string, std::pair<uint16_t, uint8_t>> kBuiltins = {{"sqrt", {1, 1}},
                                                                        {"max", {2, 2}}};

class Compiler {
 public:
  explicit Compiler(std::vector<Token> toks) : toks_(std::move(toks)) { b_.set_source("calc"); }

  Chunk compile() {
    while (peek().kind != Tok::End) statement();
    return std::move(b_).build();
  }

 private:
  const Token& peek() const { return toks_[pos_]; }
  bool is(const char* p) const { return peek().kind != Tok::Str && peek().text == p; }
  bool accept(const char* p) { return is(p) ? (++pos_, true) : false; }
  [[noreturn]] void fail(const std::string& what) const {
    throw SyntaxError(std::to_string(peek().line) + ": " + what + ", found '" + peek().text + "'");
  }
  void expect(const char* p) {
    if (!accept(p)) fail(std::string("expected '") + p + "'");
  }
  std::string name() {
    if (peek().kind != Tok::Name) fail("expected a name");
    return toks_[pos_++].text;
  }
  size_t emit(Instr ins) { return b_.emit(ins, line_); }

  void block() {
    expect("{");
    while (!accept("}")) statement();
  }

  void statement() {
    line_ = peek().line;
    if (accept("fn")) return function();
    if (accept("let")) {
      const std::string n = name();
      expect("=");
      expression();
      if (in_function_) locals_[n] = static_cast<uint16_t>(locals_.size());
      store(n);
    } else if (accept("print")) {
      uint8_t count = 0;
      do {
        if (count) emit(ins::LoadConst(b_.add_constant(Value::string(" ")))), ++count;
        expression(), ++count;
      } while (accept(","));
      emit(ins::PrintLn(count));
    } else if (accept("while")) {
      const size_t top = b_.current_pos();
      expression();
      const size_t exit = emit(ins::JumpIfFalse(0));
      block();
      emit(ins::Jump(top));
      return b_.patch_jump(exit, b_.current_pos());
    } else if (accept("if")) {
      expression();
      const size_t skip = emit(ins::JumpIfFalse(0));
      block();
      if (!accept("else")) return b_.patch_jump(skip, b_.current_pos());
      const size_t over = emit(ins::Jump(0));
      b_.patch_jump(skip, b_.current_pos());
      block();
      return b_.patch_jump(over, b_.current_pos());
    } else if (accept("return")) {
      if (!in_function_) fail("'return' outside a function");
      expression();
      emit(ins::ReturnValue());
    } else if (peek().kind == Tok::Name && toks_[pos_ + 1].text == "=") {
      const std::string n = name();
      expect("=");
      expression();
      if (!in_function_ || locals_.count(n)) store(n);
      else fail("functions cannot assign globals");
    } else {
      expression();
      emit(ins::Pop());
    }
    expect(";");
  }

  // fn NAME(a, b) { ... }: compiled where it stands, with a jump around it.
  void function() {
    if (in_function_) fail("functions do not nest");
    const uint16_t fn = b_.add_name(name());
    const size_t over = emit(ins::Jump(0));
    b_.add_sub_entry(fn, b_.current_pos());
    in_function_ = true;
    locals_.clear();
    expect("(");
    while (!accept(")")) {
      locals_[name()] = static_cast<uint16_t>(locals_.size());
      if (!is(")")) expect(",");
    }
    // The arguments arrive on the callee's stack, the last on top.
    for (size_t s = locals_.size(); s-- > 0;) emit(ins::SetSlot(s));
    block();
    emit(ins::LoadInt(0)), emit(ins::ReturnValue());
    in_function_ = false;
    b_.patch_jump(over, b_.current_pos());
  }

  void store(const std::string& n) {
    if (in_function_) emit(ins::SetSlot(locals_.at(n)));
    else emit(ins::SetVar(b_.add_name(n)));
  }

  void expression() {  // comparisons bind loosest
    additive();
    static const std::map<std::string, Instr> kCompare = {
        {"==", ins::NumEq()}, {"!=", ins::NumNe()}, {"<", ins::NumLt()},
        {"<=", ins::NumLe()}, {">", ins::NumGt()},  {">=", ins::NumGe()}};
    while (peek().kind == Tok::Punct && kCompare.count(peek().text)) {
      const Instr op = kCompare.at(toks_[pos_++].text);
      additive();
      emit(op);
    }
  }

  void additive() {
    term();
    while (is("+") || is("-") || is("..")) {
      const std::string op = toks_[pos_++].text;
      term();
      emit(op == "+" ? ins::Add() : op == "-" ? ins::Sub() : ins::Concat());
    }
  }

  void term() {
    unary();
    while (is("*") || is("/") || is("%")) {
      const std::string op = toks_[pos_++].text;
      unary();
      emit(op == "*" ? ins::Mul() : op == "/" ? ins::Div() : ins::Mod());
    }
  }

  void unary() {
    if (accept("-")) return unary(), void(emit(ins::Negate()));
    if (accept("!")) return unary(), void(emit(ins::LogNot()));
    primary();
  }

  void primary() {
    const Token t = peek();
    if (accept("(")) return expression(), expect(")");
    ++pos_;
    if (t.kind == Tok::Num) {
      if (t.text.find('.') == std::string::npos) emit(ins::LoadInt(std::stoll(t.text)));
      else emit(ins::LoadFloat(std::stod(t.text)));
    } else if (t.kind == Tok::Str) {
      emit(ins::LoadConst(b_.add_constant(Value::string(t.text))));
    } else if (t.kind == Tok::Name && accept("(")) {
      uint8_t argc = 0;
      while (!accept(")")) {
        expression(), ++argc;
        if (!is(")")) expect(",");
      }
      if (auto it = kBuiltins.find(t.text); it != kBuiltins.end()) {
        if (argc != it->second.second) throw SyntaxError(std::to_string(t.line) + ": " + t.text +
                                                         " takes " + std::to_string(it->second.second) + " argument(s)");
        emit(ins::CallBuiltin(it->second.first, argc));
      } else {
        emit(ins::Call(b_.add_name(t.text), argc));
      }
    } else if (t.kind == Tok::Name) {
      if (in_function_ && locals_.count(t.text)) emit(ins::GetSlot(locals_.at(t.text)));
      else emit(ins::GetVar(b_.add_name(t.text)));
    } else {
      --pos_;
      fail("expected an expression");
    }
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  ChunkBuilder b_;
  bool in_function_ = false;
  std::map<std::string, uint16_t> locals_;
};

}  // namespace

int main(int argc, char** argv) {
  std::string source;
  if (argc == 3 && std::string(argv[1]) == "-e") {
    source = argv[2];
  } else if (argc == 2) {
    std::ifstream in(argv[1]);
    if (!in) return std::fprintf(stderr, "calc: cannot read %s\n", argv[1]), 2;
    std::ostringstream text;
    text << in.rdbuf();
    source = text.str();
  } else {
    return std::fprintf(stderr, "usage: calc FILE | calc -e 'PROGRAM'\n"), 2;
  }

  Chunk chunk;
  try {
    chunk = Compiler(lex(source)).compile();
  } catch (const SyntaxError& e) {
    return std::fprintf(stderr, "calc:%s\n", e.what()), 1;
  }
  // A program that never ends runs out of fuel instead of hanging its host.
  VM vm(std::move(chunk), VMLimits{.fuel = 50'000'000, .max_call_depth = 2000});
  vm.register_builtin(1, [](VM& v, uint8_t) { return Value::floating(std::sqrt(v.pop().to_float())); });
  vm.register_builtin(2, [](VM& v, uint8_t) {
    Value b = v.pop(), a = v.pop();
    return a.to_float() >= b.to_float() ? a : b;
  });
  const VMResult r = vm.run();
  if (r.is_error()) return std::fprintf(stderr, "calc: %s\n", r.error().c_str()), 1;
  return 0;
}
