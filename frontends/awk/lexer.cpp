#include "lexer.h"

#include <array>
#include <cstdlib>
#include <string_view>

namespace fusevm::awkfront {
namespace {

// The escape sequence whose character after the backslash is at text[at]; appends what it means
// and returns the position after it.
size_t decode_escape(std::string_view text, size_t at, std::string& value) {
  const char c = text[at++];
  switch (c) {
    case 'n': value += '\n'; return at;
    case 't': value += '\t'; return at;
    case 'r': value += '\r'; return at;
    case '\\': value += '\\'; return at;
    case '"': value += '"'; return at;
    case '/': value += '/'; return at;
    case 'a': value += '\a'; return at;
    case 'b': value += '\b'; return at;
    case 'f': value += '\f'; return at;
    case 'v': value += '\v'; return at;
    default: break;
  }
  if (c >= '0' && c <= '7') {
    int code = c - '0';
    for (int digits = 1; digits < 3 && at < text.size() && text[at] >= '0' && text[at] <= '7'; ++digits)
      code = code * 8 + (text[at++] - '0');
    value += static_cast<char>(code);
    return at;
  }
  // Undefined by POSIX: keep the backslash, so "\." still means a literal dot when the string
  // is used as a regex (mawk and one-true-awk do the same).
  value += '\\';
  value += c;
  return at;
}

constexpr std::array<std::string_view, 256> make_spellings() {
  std::array<std::string_view, 256> s{};
  size_t i = 0;
#define AWK_TOKEN(name, spelling) s[i++] = spelling;
#include "tokens.def"
#undef AWK_TOKEN
  return s;
}
constexpr auto kSpellings = make_spellings();

constexpr BuiltinInfo kBuiltins[] = {
#define AWK_BUILTIN(id, name, min_args, max_args) {name, min_args, max_args},
#include "builtins.def"
#undef AWK_BUILTIN
};

struct Keyword {
  std::string_view word;
  Tok tok;
};
constexpr Keyword kKeywords[] = {
    {"BEGIN", Tok::Begin},     {"END", Tok::EndKw},         {"function", Tok::Function},
    {"func", Tok::Function},   {"if", Tok::If},             {"else", Tok::Else},
    {"while", Tok::While},     {"for", Tok::For},           {"do", Tok::Do},
    {"break", Tok::Break},     {"continue", Tok::Continue}, {"next", Tok::Next},
    {"nextfile", Tok::NextFile}, {"exit", Tok::Exit},       {"return", Tok::Return},
    {"delete", Tok::Delete},   {"in", Tok::In},             {"getline", Tok::Getline},
    {"print", Tok::Print},     {"printf", Tok::Printf},
};

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

// Whether a '/' after `prev` is division (an operand has just ended) rather than a regex.
// After '++'/'--' it is division: `x++ / 2` is far more common than a regex there.
bool operand_ended(Tok prev) {
  switch (prev) {
    case Tok::Name: case Tok::Number: case Tok::String: case Tok::Regex: case Tok::Builtin:
    case Tok::RParen: case Tok::RBracket: case Tok::Increment: case Tok::Decrement:
      return true;
    default:
      return false;
  }
}

class Lexer {
 public:
  Lexer(const Source& source, uint32_t index, std::vector<Token>& out, SyntaxError& error)
      : text_(source.text), source_(index), out_(out), error_(error) {}

  bool run() {
    while (true) {
      skip_blanks_and_comments();
      if (at_ >= text_.size()) break;
      if (!next_token()) return false;
    }
    emit(Tok::End, pos());
    return true;
  }

 private:
  SourcePos pos() const { return SourcePos{source_, line_, static_cast<uint32_t>(at_ - line_start_ + 1),
                                           static_cast<uint32_t>(at_)}; }
  char peek(size_t ahead = 0) const { return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0'; }

  Token& emit(Tok kind, SourcePos where) {
    out_.push_back(Token{kind, where, {}, 0, {}});
    return out_.back();
  }
  Tok previous() const { return out_.empty() ? Tok::Newline : out_.back().kind; }

  bool fail(SourcePos where, std::string message) {
    error_ = SyntaxError{where, std::move(message)};
    return false;
  }

  void newline_consumed() {
    ++line_;
    line_start_ = at_;
  }

  void skip_blanks_and_comments() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        ++at_;
      } else if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
        at_ += peek(1) == '\n' ? 2 : 3;  // a continued line
        newline_consumed();
      } else if (c == '#') {
        while (at_ < text_.size() && text_[at_] != '\n') ++at_;
      } else {
        return;
      }
    }
  }

  bool next_token() {
    const SourcePos start = pos();
    const char c = text_[at_];
    if (c == '\n') {
      emit(Tok::Newline, start);
      ++at_;
      newline_consumed();
      return true;
    }
    if (is_name_start(c)) return lex_word(start);
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return lex_number(start);
    if (c == '"') return lex_string(start);
    if (c == '/' && !operand_ended(previous())) return lex_regex(start);
    return lex_operator(start);
  }

  bool lex_word(SourcePos start) {
    const size_t begin = at_;
    while (at_ < text_.size() && is_name_char(text_[at_])) ++at_;
    const std::string_view word = text_.substr(begin, at_ - begin);
    for (const Keyword& k : kKeywords) {
      if (k.word == word) {
        emit(k.tok, start);
        return true;
      }
    }
    if (const auto b = builtin_named(word)) {
      emit(Tok::Builtin, start).builtin = *b;
      out_.back().text = std::string(word);
      return true;
    }
    // A user function call has its '(' right after the name (POSIX).
    emit(peek() == '(' ? Tok::FuncName : Tok::Name, start).text = std::string(word);
    return true;
  }

  bool lex_number(SourcePos start) {
    // Decimal only, as POSIX: "0x1A" is the number 0 followed by the name x1A.
    const size_t begin = at_;
    while (is_digit(peek())) ++at_;
    if (peek() == '.') {
      ++at_;
      while (is_digit(peek())) ++at_;
    }
    if (peek() == 'e' || peek() == 'E') {
      size_t k = 1;
      if (peek(k) == '+' || peek(k) == '-') ++k;
      if (is_digit(peek(k))) {
        at_ += k;
        while (is_digit(peek())) ++at_;
      }
    }
    Token& t = emit(Tok::Number, start);
    t.text = std::string(text_.substr(begin, at_ - begin));
    t.number = std::strtod(t.text.c_str(), nullptr);
    return true;
  }

  // The escape after a backslash in a string literal; `at_` is on the character after '\'.
  void string_escape(std::string& value) { at_ = decode_escape(text_, at_, value); }

  bool lex_string(SourcePos start) {
    ++at_;
    std::string value;
    while (true) {
      if (at_ >= text_.size() || text_[at_] == '\n') return fail(start, "unterminated string");
      const char c = text_[at_];
      if (c == '"') {
        ++at_;
        break;
      }
      if (c == '\\') {
        ++at_;
        if (at_ >= text_.size()) return fail(start, "unterminated string");
        if (text_[at_] == '\n') {  // backslash-newline continues the string
          ++at_;
          newline_consumed();
          continue;
        }
        string_escape(value);
        continue;
      }
      value += c;
      ++at_;
    }
    emit(Tok::String, start).text = std::move(value);
    return true;
  }

  bool lex_regex(SourcePos start) {
    ++at_;
    std::string pattern;
    bool in_bracket = false;
    while (true) {
      if (at_ >= text_.size() || text_[at_] == '\n') return fail(start, "unterminated regular expression");
      const char c = text_[at_];
      if (c == '\\' && at_ + 1 < text_.size() && text_[at_ + 1] != '\n') {
        if (text_[at_ + 1] == '/') {
          pattern += '/';
        } else {
          pattern += c;
          pattern += text_[at_ + 1];
        }
        at_ += 2;
        continue;
      }
      if (!in_bracket && c == '/') {
        ++at_;
        break;
      }
      if (!in_bracket && c == '[') {
        in_bracket = true;
        pattern += c;
        ++at_;
        // A ']' first in the bracket (after an optional '^') is a member, not the end.
        if (peek() == '^') pattern += text_[at_++];
        if (peek() == ']') pattern += text_[at_++];
        continue;
      }
      if (in_bracket && c == '[') {
        // [:class:], [.coll.], [=equiv=]: copied whole, so a '/' or ']' in them ends nothing.
        const size_t end = bracket_element_end(text_, at_);
        if (end != 0) {
          pattern.append(text_.substr(at_, end - at_));
          at_ = end;
          continue;
        }
      }
      if (in_bracket && c == ']') in_bracket = false;
      pattern += c;
      ++at_;
    }
    emit(Tok::Regex, start).text = std::move(pattern);
    return true;
  }

  bool lex_operator(SourcePos start) {
    struct Spelled {
      std::string_view text;
      Tok tok;
    };
    // Longest first.
    static constexpr Spelled kOperators[] = {
        {"**=", Tok::PowAssign}, {"**", Tok::Caret},       {"+=", Tok::AddAssign}, {"-=", Tok::SubAssign},
        {"*=", Tok::MulAssign},  {"/=", Tok::DivAssign},   {"%=", Tok::ModAssign}, {"^=", Tok::PowAssign},
        {"==", Tok::Equal},      {"<=", Tok::LessEqual},   {">=", Tok::GreaterEqual}, {"!=", Tok::NotEqual},
        {"!~", Tok::NoMatch},    {"++", Tok::Increment},   {"--", Tok::Decrement}, {">>", Tok::Append},
        {"&&", Tok::And},        {"||", Tok::Or},          {"{", Tok::LBrace},     {"}", Tok::RBrace},
        {"(", Tok::LParen},      {")", Tok::RParen},       {"[", Tok::LBracket},   {"]", Tok::RBracket},
        {";", Tok::Semicolon},   {",", Tok::Comma},        {"+", Tok::Plus},       {"-", Tok::Minus},
        {"*", Tok::Star},        {"/", Tok::Slash},        {"%", Tok::Percent},    {"^", Tok::Caret},
        {"!", Tok::Not},         {">", Tok::Greater},      {"<", Tok::Less},       {"|", Tok::Pipe},
        {"?", Tok::Question},    {":", Tok::Colon},        {"~", Tok::Tilde},      {"$", Tok::Dollar},
        {"=", Tok::Assign},
    };
    const std::string_view rest = text_.substr(at_);
    for (const Spelled& op : kOperators) {
      if (rest.substr(0, op.text.size()) == op.text) {
        at_ += op.text.size();
        emit(op.tok, start);
        return true;
      }
    }
    const unsigned char c = static_cast<unsigned char>(text_[at_]);
    std::string shown = c >= 0x20 && c < 0x7f ? std::string("'") + static_cast<char>(c) + "'"
                                               : "byte 0x" + std::string(1, "0123456789abcdef"[c >> 4]) +
                                                     "0123456789abcdef"[c & 15];
    return fail(start, "unexpected character " + shown);
  }

  std::string_view text_;
  uint32_t source_;
  std::vector<Token>& out_;
  SyntaxError& error_;
  size_t at_ = 0;
  size_t line_start_ = 0;
  uint32_t line_ = 1;
};

}  // namespace

std::string_view token_spelling(Tok tok) noexcept { return kSpellings[static_cast<size_t>(tok)]; }

const BuiltinInfo& builtin_info(Builtin b) noexcept { return kBuiltins[static_cast<size_t>(b)]; }

std::optional<Builtin> builtin_named(std::string_view name) noexcept {
  for (size_t i = 0; i < std::size(kBuiltins); ++i) {
    if (kBuiltins[i].name == name) return static_cast<Builtin>(i);
  }
  return std::nullopt;
}

bool lex(const Source& source, uint32_t source_index, std::vector<Token>& out, SyntaxError& error) {
  return Lexer(source, source_index, out, error).run();
}

size_t bracket_element_end(std::string_view text, size_t at) {
  if (at + 1 >= text.size() || text[at] != '[') return 0;
  const char delim = text[at + 1];
  if (delim != ':' && delim != '.' && delim != '=') return 0;
  // A class name is letters; a collating element or equivalence class a few other characters.
  for (size_t i = at + 2; i + 1 < text.size() && i < at + 2 + 32; ++i) {
    if (text[i] == delim && text[i + 1] == ']') return i > at + 2 ? i + 2 : 0;
    const char c = text[i];
    if (delim == ':' ? !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) : (c == '[' || c == ']' || c == '\n'))
      return 0;
  }
  return 0;
}

std::string process_escapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    if (text[at] == '\\' && at + 1 < text.size()) {
      at = decode_escape(text, at + 1, out);
    } else {
      out += text[at++];
    }
  }
  return out;
}

}  // namespace fusevm::awkfront
