// Lexical pieces of the .fvm assembly format (docs/formats.md) shared by the assembler and the
// disassembler: identifiers, quoted byte strings, integers, floats, and a cursor over one line.
// Keeping both directions here means what the disassembler prints is, by construction, what the
// assembler reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fusevm/op.h"
#include "fusevm/value.h"

namespace fusevm::fvm {

/// [A-Za-z_][A-Za-z0-9_]* — what may appear unquoted as a label, symbol or name.
bool is_identifier(std::string_view s) noexcept;

/// The value type a keyword names ("Int" -> Int), derived from value_type_name().
std::optional<ValueType> value_type_from_keyword(std::string_view word) noexcept;

/// "u16", "i32", "f64": the stored type of an operand kind, for messages.
std::string operand_type_name(OperandKind kind);

/// Appends `bytes` as a quoted string literal the assembler reads back byte for byte: valid
/// UTF-8 is kept as is, control bytes, DEL and invalid UTF-8 become escapes.
void append_quoted(std::string& out, std::string_view bytes);

/// Appends a float in the form the assembler reads back bit for bit: shortest round-trip decimal,
/// inf, -inf, nan (the default quiet NaN) or nan:0x<16 hex digits> (any other NaN).
void append_float(std::string& out, double f);

/// A token quoted for an error message: control and non-ASCII bytes escaped, long ones cut.
std::string describe_token(std::string_view token);

/// An integer as written: decimal (optionally signed) or 0x hexadecimal (never signed).
struct IntegerText {
  bool negative = false;
  bool hex = false;
  uint64_t magnitude = 0;
};
enum class NumberStatus : uint8_t { Ok, Syntax, Overflow };
/// Parses a whole word as an integer; Overflow when the magnitude exceeds 64 bits.
NumberStatus parse_integer(std::string_view word, IntegerText& out) noexcept;
/// The bits of `n` stored in a field of `width` bytes, or nullopt if it does not fit. Decimal
/// is a value range-checked against the (signed or unsigned) field; hex gives the raw bits.
std::optional<uint64_t> integer_bits(const IntegerText& n, unsigned width, bool is_signed) noexcept;

/// Parses a whole word as a float: decimal, inf, -inf, nan or nan:0x<bits>. Overflow for a
/// finite decimal too large for a double; Syntax also for nan:0x bits that are not a NaN.
NumberStatus parse_float(std::string_view word, double& out) noexcept;

/// What went wrong while reading a line, and where (a byte offset into the line).
struct TextError {
  size_t pos = 0;
  std::string what;
};

/// Reads one line of assembly: words, punctuation and quoted strings. Positions are byte
/// offsets into the line; column() turns one into what the user sees.
class LineCursor {
 public:
  explicit LineCursor(std::string_view line) : line_(line) {}

  std::string_view line() const noexcept { return line_; }
  size_t pos() const noexcept { return pos_; }
  void set_pos(size_t pos) noexcept { pos_ = pos; }
  /// 1-based column of a byte offset, counting characters (UTF-8 continuation bytes do not
  /// start a new column; a tab is one column).
  size_t column(size_t pos) const noexcept;

  /// Skips whitespace; returns the position of the next token.
  size_t skip_space() noexcept;
  /// True if only whitespace or a comment remains.
  bool at_end() noexcept;
  /// The next byte after whitespace, or -1 at the end of the line or at a comment.
  int peek() noexcept;
  /// Consumes `c` if it is the next non-blank byte.
  bool consume(char c) noexcept;
  /// The next word: a run of bytes up to whitespace, ';', '"', ',', '[', ']', '{', '}' or '='.
  /// Empty if the next byte is one of those (or the line is done).
  std::string_view read_word() noexcept;
  /// What comes next, quoted for a message ("end of line" when nothing does).
  std::string describe_next();

  /// Reads a string literal starting at the next '"'; false (with `error` set) if there is none
  /// or it is malformed.
  bool read_string(std::string& out, TextError& error);

 private:
  std::string_view line_;
  size_t pos_ = 0;
};

}  // namespace fusevm::fvm
