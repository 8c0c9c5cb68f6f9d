// Named codes carried by operands: file tests, redirects, parameter modifiers, awk getline
// sources and awk signals. Generated from code_tables.def.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "fusevm/op.h"

namespace fusevm {

/// TestFile(code) codes.
namespace file_test {
#define FUSEVM_FILE_TEST(name, value, flag, doc) inline constexpr uint8_t name = value;
#include "fusevm/code_tables.def"
#undef FUSEVM_FILE_TEST
}  // namespace file_test

/// Redirect(fd, code) codes.
namespace redirect_op {
#define FUSEVM_REDIRECT(name, value, syntax) inline constexpr uint8_t name = value;
#include "fusevm/code_tables.def"
#undef FUSEVM_REDIRECT
}  // namespace redirect_op

/// ExpandParam(code) modifiers.
namespace param_mod {
#define FUSEVM_PARAM_MOD(name, value, args, form) inline constexpr uint8_t name = value;
#include "fusevm/code_tables.def"
#undef FUSEVM_PARAM_MOD
}  // namespace param_mod

/// AwkGetline(code) sources.
namespace getline_source {
#define FUSEVM_GETLINE(name, value, pops, form) inline constexpr uint8_t name = value;
#include "fusevm/code_tables.def"
#undef FUSEVM_GETLINE
}  // namespace getline_source

/// AwkSignal(code) signals.
namespace awk_signal {
#define FUSEVM_AWK_SIGNAL(name, value, stmt) inline constexpr uint8_t name = value;
#include "fusevm/code_tables.def"
#undef FUSEVM_AWK_SIGNAL
}  // namespace awk_signal

/// Number of argument values ExpandParam pops for a modifier (0 for unknown modifiers, as the
/// original does), not counting the name.
uint8_t param_mod_arg_count(uint8_t modifier) noexcept;
/// True if the getline source pops a file name or command.
bool getline_source_pops(uint8_t source) noexcept;

/// The symbolic name of a code for an operand kind that has a code table (FileTest, RedirOp,
/// ParamMod, GetlineKind, Signal); empty if the value has no name or the kind has no table.
std::string_view code_name(OperandKind kind, uint64_t value) noexcept;
/// The value of a symbolic code name for an operand kind; also accepts the shell flag of a file
/// test ("-f").
std::optional<uint8_t> code_from_name(OperandKind kind, std::string_view name) noexcept;
/// True if the operand kind has a table of named codes.
bool has_code_table(OperandKind kind) noexcept;

}  // namespace fusevm
