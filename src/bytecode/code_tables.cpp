// Lookups over the named operand codes of code_tables.def.
#include "fusevm/code_tables.h"

#include <array>

namespace fusevm {
namespace {

struct CodeName {
  uint8_t value;
  std::string_view name;
  std::string_view alias;  // the shell flag of a file test, otherwise empty
};

constexpr std::array kFileTests = {
#define FUSEVM_FILE_TEST(name, value, flag, doc) CodeName{value, #name, flag},
#include "fusevm/code_tables.def"
#undef FUSEVM_FILE_TEST
};
constexpr std::array kRedirects = {
#define FUSEVM_REDIRECT(name, value, syntax) CodeName{value, #name, {}},
#include "fusevm/code_tables.def"
#undef FUSEVM_REDIRECT
};
constexpr std::array kParamMods = {
#define FUSEVM_PARAM_MOD(name, value, args, form) CodeName{value, #name, {}},
#include "fusevm/code_tables.def"
#undef FUSEVM_PARAM_MOD
};
constexpr std::array kParamModArgs = {
#define FUSEVM_PARAM_MOD(name, value, args, form) uint8_t{args},
#include "fusevm/code_tables.def"
#undef FUSEVM_PARAM_MOD
};
constexpr std::array kGetlines = {
#define FUSEVM_GETLINE(name, value, pops, form) CodeName{value, #name, {}},
#include "fusevm/code_tables.def"
#undef FUSEVM_GETLINE
};
constexpr std::array kGetlinePops = {
#define FUSEVM_GETLINE(name, value, pops, form) bool{pops != 0},
#include "fusevm/code_tables.def"
#undef FUSEVM_GETLINE
};
constexpr std::array kSignals = {
#define FUSEVM_AWK_SIGNAL(name, value, stmt) CodeName{value, #name, {}},
#include "fusevm/code_tables.def"
#undef FUSEVM_AWK_SIGNAL
};

// Every table is dense from 0, so a value indexes its entry directly.
template <size_t N>
constexpr bool dense(const std::array<CodeName, N>& table) {
  for (size_t i = 0; i < N; ++i)
    if (table[i].value != i) return false;
  return true;
}
static_assert(dense(kFileTests) && dense(kRedirects) && dense(kParamMods) && dense(kGetlines) &&
              dense(kSignals));

struct TableRef {
  const CodeName* data;
  size_t size;
};

TableRef table_for(OperandKind kind) {
  switch (kind) {
    case OperandKind::FileTest:
      return {kFileTests.data(), kFileTests.size()};
    case OperandKind::RedirOp:
      return {kRedirects.data(), kRedirects.size()};
    case OperandKind::ParamMod:
      return {kParamMods.data(), kParamMods.size()};
    case OperandKind::GetlineKind:
      return {kGetlines.data(), kGetlines.size()};
    case OperandKind::Signal:
      return {kSignals.data(), kSignals.size()};
    default:
      return {nullptr, 0};
  }
}

}  // namespace

uint8_t param_mod_arg_count(uint8_t modifier) noexcept {
  return modifier < kParamModArgs.size() ? kParamModArgs[modifier] : 0;
}

bool getline_source_pops(uint8_t source) noexcept {
  return source < kGetlinePops.size() && kGetlinePops[source];
}

bool has_code_table(OperandKind kind) noexcept { return table_for(kind).data != nullptr; }

std::string_view code_name(OperandKind kind, uint64_t value) noexcept {
  TableRef t = table_for(kind);
  return value < t.size ? t.data[value].name : std::string_view();
}

std::optional<uint8_t> code_from_name(OperandKind kind, std::string_view name) noexcept {
  TableRef t = table_for(kind);
  for (size_t i = 0; i < t.size; ++i)
    if (t.data[i].name == name || (!t.data[i].alias.empty() && t.data[i].alias == name))
      return t.data[i].value;
  return std::nullopt;
}

}  // namespace fusevm
