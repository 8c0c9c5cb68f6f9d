// Shell variables: the store every ShellHost carries, and `${name<modifier>args}` (ExpandParam)
// evaluated against it. The VM keeps no shell variables of its own (hosts get no access to the
// VM), so a shell frontend keeps them here: it assigns through the host (e.g. from a builtin
// handler) and reads with ExpandParam, and sub-chunks run by the host see the same store.
//
// The store starts empty, also in DefaultHost: a safe host exposes nothing of the process
// environment unless the embedder imports it (import_environment) or sets variables itself.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fusevm/value.h"

namespace fusevm::shell {

/// Names to values. A value is usually a Str; an Array or Hash is an array variable (LENGTH and
/// KEYS count its elements; the other modifiers use its to_str). Each variable may be exported.
class Variables {
 public:
  /// The value of `name`, or nullptr if it is unset.
  const Value* get(std::string_view name) const;
  /// Sets `name` (keeping its exported flag).
  void set(std::string_view name, Value value);
  void unset(std::string_view name);
  /// Marks `name` for the environment of child processes (setting it to "" if it is unset).
  void set_exported(std::string_view name, bool exported);
  bool is_exported(std::string_view name) const;
  size_t size() const noexcept { return vars_.size(); }
  void clear() noexcept { vars_.clear(); }
  /// Every variable of the process environment (`environ`), exported.
  void import_environment();
  /// `NAME=value` for each exported variable, sorted by name: a child process's environment.
  std::vector<std::string> environment() const;
  /// Variable names, sorted.
  std::vector<std::string> names() const;

 private:
  struct Entry {
    Value value;
    bool exported = false;
  };
  std::map<std::string, Entry, std::less<>> vars_;
};

/// `${name<modifier>args}` over `vars` (code_tables.def; SHELL-HOST.md §6.3's recommended
/// semantics, the colon forms): a Str for most modifiers, an Int for LENGTH, an Array of Str for
/// KEYS, and Str("") for unknown modifiers (18-255). ASSIGN writes to `vars`. ERROR on an unset
/// or empty variable throws std::runtime_error("name: message"), which the VM reports as the
/// op's error (a host cannot stop the VM any other way). Patterns are shell glob patterns
/// (glob_match); text is UTF-8 (lengths, slices and `?` count code points); case conversion is
/// ASCII-only, like the glob classes. A pattern without `*` matches one length only and costs
/// O(n) matches; with `*`, O(n^2) in the worst case, as in bash — past a fixed budget (2^25
/// pattern x text character steps) the expansion throws std::runtime_error instead of running on.
Value expand_param(Variables& vars, std::string_view name, uint8_t modifier, std::span<const Value> args);

}  // namespace fusevm::shell
