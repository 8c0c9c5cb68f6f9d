// minish: a tiny POSIX-like shell that compiles scripts to fusevm bytecode and runs them on
// PosixHost — a demonstration of the shell ops, not a complete shell. It knows simple commands,
// pipelines, redirections (all nine kinds, here-documents, here-strings), `$(...)`, `<(...)`,
// `&&`/`||`/`!`, `;`/newlines/`&`, variables (`x=...`, `$x`, `${x:-w}` and the other
// modifiers), `if`/`elif`/`else`, `for`, `while`, `( ... )` and `{ ...; }`, and the builtins
// cd, exit, export, unset, wait, `:`. Not supported: functions, positional parameters, globbing,
// `case`, arithmetic, field splitting inside larger words (`a$x` is one word).
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "fusevm/chunk.h"

namespace minish {

/// A syntax error, with the line it is on.
struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Word;

/// One piece of a word: literal text, `$name` / `${name<mod>arg}`, `$(...)`, `<(...)`/`>(...)`
/// or `$?`.
struct Part {
  enum Kind { Lit, Var, Subst, ProcIn, ProcOut, Status } kind = Lit;
  std::string text;     // literal text, variable name, or the substitution's source
  bool quoted = false;  // inside quotes: never split
  int mod = -1;         // ExpandParam modifier, -1 for plain `$x`
  std::string arg;      // the modifier's argument (a word, expanded as in double quotes)
  std::string arg2;     // the replacement of ${x/p/r}
};

struct Word {
  std::vector<Part> parts;
  bool is_literal() const;
  std::string literal() const;  // the text, if is_literal()
};

struct Redir {
  int fd = 1;
  uint8_t op = 0;       // fusevm::redirect_op, or kHereDoc / kHereString
  Word target;          // file, fd number, or the here-string
  std::shared_ptr<std::string> body;  // here-document body (the lexer fills it at the line's end)
  bool expand = false;  // here-document with an unquoted delimiter: expand $... in the body
};
inline constexpr uint8_t kHereDoc = 0xF0;
inline constexpr uint8_t kHereString = 0xF1;

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
  enum Kind { Simple, Pipeline, AndOr, List, If, For, While, Subshell, Group, Not, Background } kind = Simple;
  std::vector<std::pair<std::string, Word>> assigns;  // Simple: NAME=word before the command
  std::vector<Word> words;                            // Simple: the command; For: the list
  std::vector<Redir> redirs;                          // Simple and compound commands
  std::vector<NodePtr> kids;  // stages, list items, If: cond, then, (cond, then)..., [else]
  std::vector<bool> or_ops;   // AndOr: between kids[i] and kids[i+1], true for `||`
  std::string var;            // For
  int line = 1;
};

/// Parses a script; throws SyntaxError.
NodePtr parse(const std::string& source);

/// Builtins the compiled code calls with CallBuiltin: the BUILTINS.md ids, plus minish's own.
inline constexpr uint16_t kAssignBuiltin = 1000;  // (name, value, from_subst) -> Status

/// Compiles a parsed script to a chunk (its `$(...)` bodies become sub-chunks).
fusevm::Chunk compile(const Node& script, const std::string& source_name);

}  // namespace minish
