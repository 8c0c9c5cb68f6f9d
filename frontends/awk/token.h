// Tokens of an awk program, as the lexer hands them to the parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fusevm::awkfront {

enum class Tok : uint8_t {
#define AWK_TOKEN(name, spelling) name,
#include "tokens.def"
#undef AWK_TOKEN
};

/// How a token is named in error messages ("'+'", "newline", "string").
std::string_view token_spelling(Tok tok) noexcept;

enum class Builtin : uint8_t {
#define AWK_BUILTIN(id, name, min_args, max_args) id,
#include "builtins.def"
#undef AWK_BUILTIN
};

struct BuiltinInfo {
  std::string_view name;
  int min_args;
  int max_args;  ///< -1: any number
};
const BuiltinInfo& builtin_info(Builtin b) noexcept;
/// The builtin called `name` (nullopt for any other word).
std::optional<Builtin> builtin_named(std::string_view name) noexcept;

/// Where something is in the program text: which source (-f file or command line), 1-based
/// line and column (in bytes), and the byte offset.
struct SourcePos {
  uint32_t source = 0;
  uint32_t line = 1;
  uint32_t column = 1;
  uint32_t offset = 0;
};

struct Token {
  Tok kind = Tok::End;
  SourcePos pos;
  /// Name: the name. String: the value after escape processing. Regex: the pattern text with
  /// "\/" turned into "/". Number: the spelling.
  std::string text;
  double number = 0;          ///< Number: the value
  Builtin builtin{};          ///< Builtin: which one
};

}  // namespace fusevm::awkfront
