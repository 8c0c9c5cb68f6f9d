// The 139 shell builtin ids of BUILTINS.md (plus BUILTIN_MAX) as constants, with name <-> id
// lookup. The numbering is a contract shared with shell frontends; fusevm itself gives no builtin
// any behaviour. A frontend registers its handlers by id or by name:
//
//   vm.register_builtin(fusevm::builtins::BUILTIN_CD, my_cd);
//   vm.register_builtin("pwd", my_pwd);          // false if "pwd" is not a builtin name
//   b.emit(ins::CallBuiltin(*fusevm::builtins::builtin_id("cd"), 1), line);
//
// Everything here is constexpr and allocation-free; the table is builtins.def.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace fusevm::builtins {

#define FUSEVM_BUILTIN(constant, id, name) inline constexpr uint16_t BUILTIN_##constant = id;
#define FUSEVM_BUILTIN_UNNAMED(constant, id, display) inline constexpr uint16_t BUILTIN_##constant = id;
#include "fusevm/builtins.def"
#undef FUSEVM_BUILTIN
#undef FUSEVM_BUILTIN_UNNAMED

/// Not a command: strictly greater than every assigned id (a size hint for handler tables).
inline constexpr uint16_t BUILTIN_MAX = 280;

namespace detail {
struct NameEntry {
  std::string_view name;
  uint16_t id;
};

inline constexpr auto kNamesSorted = [] {
  std::array<NameEntry, 0
#define FUSEVM_BUILTIN(constant, id, name) +1
#define FUSEVM_BUILTIN_ALIAS(constant, name) +1
#include "fusevm/builtins.def"
#undef FUSEVM_BUILTIN
#undef FUSEVM_BUILTIN_ALIAS
             >
      table{{
#define FUSEVM_BUILTIN(constant, id, name) {name, id},
#define FUSEVM_BUILTIN_ALIAS(constant, name) {name, BUILTIN_##constant},
#include "fusevm/builtins.def"
#undef FUSEVM_BUILTIN
#undef FUSEVM_BUILTIN_ALIAS
      }};
  std::sort(table.begin(), table.end(), [](const NameEntry& a, const NameEntry& b) { return a.name < b.name; });
  return table;
}();

// id -> canonical (or display) name; empty for unassigned ids.
inline constexpr auto kNameById = [] {
  std::array<std::string_view, BUILTIN_MAX> table{};
#define FUSEVM_BUILTIN(constant, id, name) table[id] = name;
#define FUSEVM_BUILTIN_UNNAMED(constant, id, display) table[id] = display;
#include "fusevm/builtins.def"
#undef FUSEVM_BUILTIN
#undef FUSEVM_BUILTIN_UNNAMED
  return table;
}();
}  // namespace detail

/// Number of builtin names (canonical names and aliases): 145.
inline constexpr size_t kBuiltinNameCount = detail::kNamesSorted.size();

/// The id of a builtin name: exact, case-sensitive, whole-string; empty for anything else.
constexpr std::optional<uint16_t> builtin_id(std::string_view name) noexcept {
  const auto& t = detail::kNamesSorted;
  auto it = std::lower_bound(t.begin(), t.end(), name,
                             [](const detail::NameEntry& e, std::string_view n) { return e.name < n; });
  if (it == t.end() || it->name != name) return std::nullopt;
  return it->id;
}

/// True if `name` is a builtin name (builtin_id has a value).
constexpr bool is_builtin(std::string_view name) noexcept { return builtin_id(name).has_value(); }

/// The canonical name of an id (port extension; the original has no reverse lookup). Ids no name
/// reaches print as "." (14, BUILTIN_DOT) and "declare" (21, BUILTIN_DECLARE); unassigned ids
/// and ids >= BUILTIN_MAX give "".
constexpr std::string_view builtin_name(uint16_t id) noexcept {
  return id < BUILTIN_MAX ? detail::kNameById[id] : std::string_view();
}

}  // namespace fusevm::builtins
