// minish's tokenizer and recursive-descent parser: script text to the Node tree of minish.h.
// Words keep their raw text until parse_word splits them into parts; here-document bodies are
// read when the tokenizer reaches the end of the line that introduced them.
#include <cctype>

#include "fusevm/code_tables.h"
#include "minish.h"

namespace minish {
namespace {

namespace rop = fusevm::redirect_op;

struct Token {
  enum Type { Word, Newline, Semi, Amp, Pipe, AndIf, OrIf, LParen, RParen, Redirect, End } type = End;
  std::string text;  // Word: raw text
  int fd = -1;       // Redirect: explicit fd, or -1
  uint8_t op = 0;    // Redirect: kind
  int line = 1;
};

bool is_meta(char c) { return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')'; }

class Lexer {
 public:
  explicit Lexer(const std::string& s) : s_(s) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw SyntaxError("line " + std::to_string(line_) + ": " + what);
  }

  Token next() {
    for (;;) {
      while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
      if (i_ + 1 < s_.size() && s_[i_] == '\\' && s_[i_ + 1] == '\n') {
        i_ += 2;
        ++line_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      }
      break;
    }
    Token t;
    t.line = line_;
    if (i_ >= s_.size()) return t;
    const char c = s_[i_];
    auto two = [&](const char* op) { return s_.compare(i_, 2, op) == 0; };
    if (c == '\n') {
      ++i_;
      ++line_;
      read_heredoc_bodies();
      t.type = Token::Newline;
      return t;
    }
    if ((c == '<' || c == '>') && i_ + 1 < s_.size() && s_[i_ + 1] == '(') {
      t.type = Token::Word;
      t.text = read_word();
      return t;
    }
    if (two("&&")) return i_ += 2, t.type = Token::AndIf, t;
    if (two("||")) return i_ += 2, t.type = Token::OrIf, t;
    if (two("&>")) {
      i_ += 2;
      t.type = Token::Redirect;
      t.op = rop::WRITE_BOTH;
      if (i_ < s_.size() && s_[i_] == '>') ++i_, t.op = rop::APPEND_BOTH;
      return t;
    }
    if (c == ';') return ++i_, t.type = Token::Semi, t;
    if (c == '&') return ++i_, t.type = Token::Amp, t;
    if (c == '|') return ++i_, t.type = Token::Pipe, t;
    if (c == '(') return ++i_, t.type = Token::LParen, t;
    if (c == ')') return ++i_, t.type = Token::RParen, t;
    // An fd number glued to a redirection operator: `2>`.
    size_t j = i_;
    while (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j]))) ++j;
    if (j > i_ && j < s_.size() && (s_[j] == '<' || s_[j] == '>') && j - i_ <= 2) {
      t.fd = std::stoi(s_.substr(i_, j - i_));
      i_ = j;
    }
    if (i_ < s_.size() && (s_[i_] == '<' || s_[i_] == '>')) {
      t.type = Token::Redirect;
      static const struct { const char* text; uint8_t op; } kOps[] = {
          {"<<<", kHereString}, {"<<", kHereDoc}, {"<>", rop::READ_WRITE}, {"<&", rop::DUP_READ},
          {"<", rop::READ},     {">>", rop::APPEND}, {">|", rop::CLOBBER}, {">&", rop::DUP_WRITE},
          {">", rop::WRITE}};
      for (const auto& o : kOps) {
        const std::string_view op(o.text);
        if (s_.compare(i_, op.size(), op) == 0) {
          i_ += op.size();
          t.op = o.op;
          return t;
        }
      }
    }
    t.type = Token::Word;
    t.text = read_word();
    return t;
  }

  void add_heredoc(std::shared_ptr<std::string> body, std::string delimiter) {
    heredocs_.push_back({std::move(body), std::move(delimiter)});
  }
  int line() const { return line_; }

 private:
  // Raw word text: quotes, escapes, $(...) and ${...} are kept as written.
  std::string read_word() {
    const size_t start = i_;
    if ((s_[i_] == '<' || s_[i_] == '>') && s_[i_ + 1] == '(') {
      i_ += 2;
      skip_balanced(')');
      return s_.substr(start, i_ - start);
    }
    while (i_ < s_.size() && !is_meta(s_[i_])) {
      const char c = s_[i_];
      if (c == '\\') {
        i_ = std::min(i_ + 2, s_.size());
      } else if (c == '\'') {
        const size_t end = s_.find('\'', i_ + 1);
        if (end == std::string::npos) fail("unterminated '");
        count_lines(i_, end);
        i_ = end + 1;
      } else if (c == '"') {
        ++i_;
        skip_dquoted();
      } else if (c == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {
        const char close = s_[i_ + 1] == '(' ? ')' : '}';
        i_ += 2;
        skip_balanced(close);
      } else {
        ++i_;
      }
    }
    return s_.substr(start, i_ - start);
  }

  void skip_dquoted() {
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\') ++i_;
      else if (s_[i_] == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {
        const char close = s_[i_ + 1] == '(' ? ')' : '}';
        i_ += 2;
        skip_balanced(close);
        continue;
      } else if (s_[i_] == '\n') {
        ++line_;
      }
      ++i_;
    }
    if (i_ >= s_.size()) fail("unterminated \"");
    ++i_;
  }

  // Past the `close` matching an opening already consumed, minding quotes and nesting.
  void skip_balanced(char close) {
    const char open = close == ')' ? '(' : '{';
    int depth = 1;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '\'') {
        const size_t end = s_.find('\'', i_ + 1);
        if (end == std::string::npos) fail("unterminated '");
        count_lines(i_, end);
        i_ = end + 1;
        continue;
      }
      if (c == '"') {
        ++i_;
        skip_dquoted();
        continue;
      }
      if (c == '\n') ++line_;
      if (c == open) ++depth;
      if (c == close && --depth == 0) {
        ++i_;
        return;
      }
      ++i_;
    }
    fail(std::string("missing '") + close + "'");
  }

  void count_lines(size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) line_ += s_[k] == '\n';
  }

  void read_heredoc_bodies() {
    for (auto& [target, delim] : heredocs_) {
      std::string body;
      for (;;) {
        if (i_ >= s_.size()) fail("here-document delimited by end of file (wanted '" + delim + "')");
        size_t eol = s_.find('\n', i_);
        if (eol == std::string::npos) eol = s_.size();
        const std::string line = s_.substr(i_, eol - i_);
        i_ = std::min(eol + 1, s_.size());
        ++line_;
        if (line == delim) break;
        body += line + "\n";
      }
      *target = std::move(body);
    }
    heredocs_.clear();
  }

  const std::string& s_;
  size_t i_ = 0;
  int line_ = 1;
  std::vector<std::pair<std::shared_ptr<std::string>, std::string>> heredocs_;
};

bool is_name(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// ── Words ──

// `${...}` body (without the braces) to a Var part.
Part parse_braced(const std::string& body, bool quoted) {
  Part p;
  p.kind = Part::Var;
  p.quoted = quoted;
  if (body.size() > 1 && body[0] == '#') {
    p.text = body.substr(1);
    p.mod = fusevm::param_mod::LENGTH;
    return p;
  }
  size_t n = 0;
  while (n < body.size() && (std::isalnum(static_cast<unsigned char>(body[n])) || body[n] == '_')) ++n;
  p.text = body.substr(0, n);
  const std::string rest = body.substr(n);
  namespace pm = fusevm::param_mod;
  static const struct { const char* op; uint8_t mod; } kMods[] = {
      {":-", pm::DEFAULT}, {":=", pm::ASSIGN}, {":?", pm::ERROR}, {":+", pm::ALTERNATE}, {"##", pm::STRIP_LONG},
      {"#", pm::STRIP_SHORT}, {"%%", pm::RSTRIP_LONG}, {"%", pm::RSTRIP_SHORT}, {"//", pm::SUBST_ALL},
      {"/", pm::SUBST_FIRST}, {"^^", pm::UPPER}, {",,", pm::LOWER}, {"^", pm::UPPER_FIRST}, {",", pm::LOWER_FIRST}};
  if (rest.empty()) return p;
  for (const auto& m : kMods) {
    const std::string_view op(m.op);
    if (rest.compare(0, op.size(), op) == 0) {
      p.mod = m.mod;
      p.arg = rest.substr(op.size());
      if (m.mod == pm::SUBST_ALL || m.mod == pm::SUBST_FIRST) {
        const size_t slash = p.arg.find('/');
        if (slash != std::string::npos) {
          p.arg2 = p.arg.substr(slash + 1);
          p.arg = p.arg.substr(0, slash);
        }
      }
      return p;
    }
  }
  throw SyntaxError("bad substitution: ${" + body + "}");
}

// Index just past the `)` or `}` closing the construct opened at raw[i] (a `(` or `{`).
size_t close_of(const std::string& raw, size_t i) {
  const char open = raw[i], close = open == '(' ? ')' : '}';
  int depth = 0;
  char quote = 0;
  for (size_t k = i; k < raw.size(); ++k) {
    const char c = raw[k];
    if (quote) {
      if (c == '\\' && quote == '"') ++k;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '\\') ++k;
    else if (c == '\'' || c == '"') quote = c;
    else if (c == open) ++depth;
    else if (c == close && --depth == 0) return k + 1;
  }
  throw SyntaxError("missing '" + std::string(1, close) + "'");
}

void add_lit(Word& w, std::string text, bool quoted) {
  if (text.empty() && !quoted) return;
  if (!w.parts.empty() && w.parts.back().kind == Part::Lit && w.parts.back().quoted == quoted) {
    w.parts.back().text += text;
    return;
  }
  Part p;
  p.text = std::move(text);
  p.quoted = quoted;
  w.parts.push_back(std::move(p));
}

// `$...` at raw[i]; appends the part and returns the index after it.
size_t parse_dollar(const std::string& raw, size_t i, bool quoted, Word& w) {
  if (i + 1 >= raw.size()) {
    add_lit(w, "$", quoted);
    return i + 1;
  }
  const char c = raw[i + 1];
  Part p;
  p.quoted = quoted;
  if (c == '(') {
    const size_t end = close_of(raw, i + 1);
    p.kind = Part::Subst;
    p.text = raw.substr(i + 2, end - i - 3);
    w.parts.push_back(std::move(p));
    return end;
  }
  if (c == '{') {
    const size_t end = close_of(raw, i + 1);
    w.parts.push_back(parse_braced(raw.substr(i + 2, end - i - 3), quoted));
    return end;
  }
  if (c == '?') {
    p.kind = Part::Status;
    w.parts.push_back(std::move(p));
    return i + 2;
  }
  size_t n = i + 1;
  while (n < raw.size() && (std::isalnum(static_cast<unsigned char>(raw[n])) || raw[n] == '_')) ++n;
  if (n == i + 1) {
    add_lit(w, "$", quoted);
    return i + 1;
  }
  p.kind = Part::Var;
  p.text = raw.substr(i + 1, n - i - 1);
  w.parts.push_back(std::move(p));
  return n;
}

}  // namespace

/// Splits raw word text into parts. `in_dquotes`: the text is a here-document body or a
/// modifier argument, where only `$` and `\` are special.
Word parse_word(const std::string& raw, bool in_dquotes) {
  Word w;
  if (!in_dquotes && raw.size() > 2 && (raw[0] == '<' || raw[0] == '>') && raw[1] == '(') {
    Part p;
    p.kind = raw[0] == '<' ? Part::ProcIn : Part::ProcOut;
    p.text = raw.substr(2, raw.size() - 3);
    w.parts.push_back(std::move(p));
    return w;
  }
  size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if (c == '$') {
      i = parse_dollar(raw, i, in_dquotes, w);
    } else if (c == '\\' && i + 1 < raw.size()) {
      const char e = raw[i + 1];
      if (in_dquotes && e != '$' && e != '\\' && e != '"' && e != '`') add_lit(w, "\\", true);
      add_lit(w, std::string(1, e), true);
      i += 2;
    } else if (c == '\'' && !in_dquotes) {
      const size_t end = raw.find('\'', i + 1);
      add_lit(w, raw.substr(i + 1, end - i - 1), true);
      i = end + 1;
    } else if (c == '"' && !in_dquotes) {
      ++i;
      add_lit(w, "", true);  // "" is an empty word, not nothing
      while (i < raw.size() && raw[i] != '"') {
        if (raw[i] == '$') {
          i = parse_dollar(raw, i, true, w);
        } else if (raw[i] == '\\' && i + 1 < raw.size() && std::string_view("$\\\"`\n").find(raw[i + 1]) != std::string_view::npos) {
          if (raw[i + 1] != '\n') add_lit(w, std::string(1, raw[i + 1]), true);
          i += 2;
        } else {
          add_lit(w, std::string(1, raw[i]), true);
          ++i;
        }
      }
      ++i;
    } else {
      add_lit(w, std::string(1, c), in_dquotes);
      ++i;
    }
  }
  return w;
}

bool Word::is_literal() const {
  for (const Part& p : parts)
    if (p.kind != Part::Lit) return false;
  return true;
}

std::string Word::literal() const {
  std::string out;
  for (const Part& p : parts) out += p.text;
  return out;
}

namespace {

class Parser {
 public:
  explicit Parser(const std::string& s) : lex_(s) { advance(); }

  NodePtr script() {
    NodePtr list = parse_list();
    if (tok_.type != Token::End) fail_at("unexpected " + describe());
    return list;
  }

 private:
  void advance() { tok_ = lex_.next(); }
  [[noreturn]] void fail_at(const std::string& what) {
    throw SyntaxError("line " + std::to_string(tok_.line) + ": " + what);
  }
  std::string describe() const {
    switch (tok_.type) {
      case Token::Word: return "'" + tok_.text + "'";
      case Token::Newline: return "newline";
      case Token::End: return "end of file";
      case Token::RParen: return "')'";
      default: return "operator";
    }
  }
  bool at_word(const char* w) const { return tok_.type == Token::Word && tok_.text == w; }
  bool at_list_end() const {
    if (tok_.type == Token::End || tok_.type == Token::RParen) return true;
    for (const char* w : {"then", "elif", "else", "fi", "do", "done", "}"})
      if (at_word(w)) return true;
    return false;
  }
  void skip_newlines() {
    while (tok_.type == Token::Newline) advance();
  }
  void expect_word(const char* w) {
    skip_newlines();
    if (!at_word(w)) fail_at(std::string("expected '") + w + "', found " + describe());
    advance();
  }

  NodePtr make(Node::Kind k) {
    auto n = std::make_unique<Node>();
    n->kind = k;
    n->line = tok_.line;
    return n;
  }

  NodePtr parse_list() {
    NodePtr list = make(Node::List);
    for (;;) {
      while (tok_.type == Token::Newline || tok_.type == Token::Semi) advance();
      if (at_list_end()) break;
      NodePtr item = parse_and_or();
      if (tok_.type == Token::Amp) {
        advance();
        NodePtr bg = make(Node::Background);
        bg->kids.push_back(std::move(item));
        item = std::move(bg);
      } else if (tok_.type != Token::Semi && tok_.type != Token::Newline && !at_list_end()) {
        fail_at("unexpected " + describe());
      }
      list->kids.push_back(std::move(item));
    }
    return list;
  }

  NodePtr parse_and_or() {
    NodePtr first = parse_pipeline();
    if (tok_.type != Token::AndIf && tok_.type != Token::OrIf) return first;
    NodePtr n = make(Node::AndOr);
    n->kids.push_back(std::move(first));
    while (tok_.type == Token::AndIf || tok_.type == Token::OrIf) {
      n->or_ops.push_back(tok_.type == Token::OrIf);
      advance();
      skip_newlines();
      n->kids.push_back(parse_pipeline());
    }
    return n;
  }

  NodePtr parse_pipeline() {
    bool negate = false;
    if (at_word("!")) {
      negate = true;
      advance();
    }
    NodePtr first = parse_command();
    if (tok_.type == Token::Pipe) {
      NodePtr p = make(Node::Pipeline);
      p->kids.push_back(std::move(first));
      while (tok_.type == Token::Pipe) {
        advance();
        skip_newlines();
        p->kids.push_back(parse_command());
      }
      if (p->kids.size() > 255) fail_at("too many pipeline stages");
      first = std::move(p);
    }
    if (!negate) return first;
    NodePtr n = make(Node::Not);
    n->kids.push_back(std::move(first));
    return n;
  }

  void parse_redirects(Node& n) {
    while (tok_.type == Token::Redirect) parse_redirect(n);
  }

  void parse_redirect(Node& n) {
    Redir r;
    r.op = tok_.op;
    const bool input = r.op == fusevm::redirect_op::READ || r.op == fusevm::redirect_op::READ_WRITE ||
                       r.op == fusevm::redirect_op::DUP_READ || r.op == kHereDoc || r.op == kHereString;
    r.fd = tok_.fd >= 0 ? tok_.fd : (input ? 0 : 1);
    advance();
    if (tok_.type != Token::Word) fail_at("expected a word after the redirection, found " + describe());
    const std::string raw = tok_.text;
    if (r.op == kHereDoc) {
      // Registered before the lexer moves on: the body starts after this line's newline.
      r.expand = raw.find_first_of("'\"\\") == std::string::npos;
      r.body = std::make_shared<std::string>();
      lex_.add_heredoc(r.body, parse_word(raw, false).literal());
    } else {
      r.target = parse_word(raw, false);
    }
    advance();
    n.redirs.push_back(std::move(r));
  }

  NodePtr parse_command() {
    NodePtr n;
    if (tok_.type == Token::LParen) {
      advance();
      n = make(Node::Subshell);
      n->kids.push_back(parse_list());
      if (tok_.type != Token::RParen) fail_at("expected ')', found " + describe());
      advance();
    } else if (at_word("{")) {
      advance();
      n = make(Node::Group);
      n->kids.push_back(parse_list());
      expect_word("}");
    } else if (at_word("if")) {
      n = make(Node::If);
      advance();
      n->kids.push_back(parse_list());
      expect_word("then");
      n->kids.push_back(parse_list());
      while (at_word("elif")) {
        advance();
        n->kids.push_back(parse_list());
        expect_word("then");
        n->kids.push_back(parse_list());
      }
      if (at_word("else")) {
        advance();
        n->kids.push_back(parse_list());
      }
      expect_word("fi");
    } else if (at_word("while")) {
      n = make(Node::While);
      advance();
      n->kids.push_back(parse_list());
      expect_word("do");
      n->kids.push_back(parse_list());
      expect_word("done");
    } else if (at_word("for")) {
      n = make(Node::For);
      advance();
      if (tok_.type != Token::Word || !is_name(tok_.text)) fail_at("expected a variable name after 'for'");
      n->var = tok_.text;
      advance();
      skip_newlines();
      if (at_word("in")) {
        advance();
        while (tok_.type == Token::Word) {
          n->words.push_back(parse_word(tok_.text, false));
          advance();
        }
      }
      if (tok_.type == Token::Semi) advance();
      expect_word("do");
      n->kids.push_back(parse_list());
      expect_word("done");
    } else {
      return parse_simple();
    }
    parse_redirects(*n);
    return n;
  }

  NodePtr parse_simple() {
    NodePtr n = make(Node::Simple);
    for (;;) {
      if (tok_.type == Token::Redirect) {
        parse_redirect(*n);
      } else if (tok_.type == Token::Word) {
        const size_t eq = tok_.text.find('=');
        if (n->words.empty() && eq != std::string::npos && is_name(tok_.text.substr(0, eq))) {
          n->assigns.emplace_back(tok_.text.substr(0, eq), parse_word(tok_.text.substr(eq + 1), false));
        } else {
          n->words.push_back(parse_word(tok_.text, false));
        }
        advance();
      } else {
        break;
      }
    }
    if (n->words.empty() && n->assigns.empty() && n->redirs.empty()) fail_at("unexpected " + describe());
    return n;
  }

  Lexer lex_;
  Token tok_;
};

}  // namespace

NodePtr parse(const std::string& source) { return Parser(source).script(); }

}  // namespace minish
