// ShellHost: the boundary between the VM and process control. Every shell op that needs the
// outside world (expansion, substitution, redirection, pipelines, traps, execution, matching)
// calls one of these methods (SHELL-HOST.md §4).
//
// Every method has a default; the defaults are DefaultHost's behaviour. DefaultHost is safe: it
// never starts a process or opens a file for writing (`exec` answers 127), while the pure
// functions really work — glob-pattern matching, brace and tilde expansion, parameter expansion
// over the host's variable store (shell_vars.h), word splitting and POSIX extended regular
// expressions (through RE2, linear time). Real process control is PosixHost's job (opt-in,
// posix_host.h). A VM with no host set behaves as with DefaultHost, except for the two places
// the original distinguishes (PipelineEnd keeps `$?`, CallFunction looks in the chunk's subs
// first); see docs/hosts.md.
//
// Hosts get no access to the VM; they may be called only from the thread running the VM.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fusevm/chunk.h"
#include "fusevm/shell_vars.h"
#include "fusevm/value.h"

namespace fusevm {

class ShellHost {
 public:
  virtual ~ShellHost();

  // ── Expansion ──
  /// Paths matching a glob pattern, sorted; empty when nothing matches.
  virtual std::vector<std::string> glob(std::string_view pattern, bool recursive);
  /// `~` and `~user` at the start of `s` replaced by the home directory.
  virtual std::string tilde_expand(std::string_view s);
  /// `{a,b}` and `{1..3}` expansion, left to right, nested braces included.
  virtual std::vector<std::string> brace_expand(std::string_view s);
  /// `s` split on runs of whitespace.
  virtual std::vector<std::string> word_split(std::string_view s);
  /// `${name<modifier>args}`; the default is shell::expand_param over variables() (an unset
  /// variable is empty, so `${x:-w}` gives `w`; `${x:?w}` on it throws, failing the op).
  virtual Value expand_param(std::string_view name, uint8_t modifier, std::span<const Value> args);
  /// Reserved by the original's interface; no op calls it.
  virtual Value array_index(std::string_view name, const Value& index);

  // ── Substitution (sub-chunks are the host's to run) ──
  virtual std::string cmd_subst(const Chunk& sub);
  virtual std::string process_sub_in(const Chunk& sub);
  virtual std::string process_sub_out(const Chunk& sub);

  // ── Redirection ──
  virtual void redirect(uint8_t fd, uint8_t op, std::string_view target);
  virtual void heredoc(std::string_view content);
  virtual void herestring(std::string_view content);
  virtual void with_redirects_begin(uint8_t count);
  virtual void with_redirects_end();

  // ── Pipelines and subshells ──
  virtual void pipeline_begin(uint8_t stages);
  virtual void pipeline_stage();
  virtual int32_t pipeline_end();
  virtual void subshell_begin();
  /// A status when the subshell ended through a deferred exit; it becomes `$?`.
  virtual std::optional<int32_t> subshell_end();

  // ── Traps ──
  virtual void trap_set(std::string_view signal, const Chunk& handler);
  virtual void trap_check();

  // ── Execution ──
  /// The status of a shell function `name`, or empty if there is none (the VM then calls exec).
  virtual std::optional<int32_t> call_function(std::string_view name, std::vector<std::string> args);
  /// Runs a command and waits; its exit status. The default starts nothing and returns 127.
  virtual int32_t exec(std::vector<std::string> argv);
  /// Starts a command in the background; its pid. The default starts nothing and returns 0.
  virtual int32_t exec_bg(std::vector<std::string> argv);

  // ── Matching ──
  /// Shell glob-pattern match of the whole string (`[[ s = pat ]]`, `case`).
  virtual bool str_match(std::string_view s, std::string_view pattern);
  /// POSIX extended regular expression search (`[[ s =~ re ]]`); false for an invalid regex.
  virtual bool regex_match(std::string_view s, std::string_view regex);

  // ── Port extensions (not in the original's interface) ──
  /// `TestFile(code)` (code_tables.def). The original evaluates file tests in the VM, never in
  /// the host; the default does exactly that (shell::test_file), and a host may override it —
  /// to hide which files exist from untrusted chunks, for one.
  virtual bool test_file(uint8_t code, std::string_view path);
  /// Called by VM::run when a run ends, whatever the outcome (an error included), so a host can
  /// undo state the chunk left open: redirect scopes, pipelines, subshells. The default does
  /// nothing.
  virtual void run_ended(bool failed);

  /// The shell variables ExpandParam reads and ASSIGN writes. Empty until the embedder (or a
  /// frontend's builtins) sets some; DefaultHost never imports the process environment.
  shell::Variables& variables() noexcept { return variables_; }
  const shell::Variables& variables() const noexcept { return variables_; }

 protected:
  ShellHost() = default;
  ShellHost(const ShellHost&) = default;
  ShellHost& operator=(const ShellHost&) = default;

 private:
  shell::Variables variables_;
};

/// The safe default host: every ShellHost default, nothing overridden.
class DefaultHost final : public ShellHost {
 public:
  DefaultHost() = default;
};

/// The pure algorithms behind DefaultHost, for hosts that want them.
namespace shell {
/// True if `s` matches the shell pattern `pattern` (`*`, `?`, `[...]`, `[!...]`, `\` escapes).
bool glob_match(std::string_view pattern, std::string_view s);
/// Brace expansion (`a{b,c}d` -> `abd acd`, `{1..3}`, `{a..c}`, `{1..10..2}`, nesting).
std::vector<std::string> brace_expand(std::string_view s);
/// Tilde expansion of a leading `~` or `~user` (unchanged when the user is unknown).
std::string tilde_expand(std::string_view s);
/// Split on runs of Unicode White_Space (the original's rule, not IFS).
std::vector<std::string> word_split(std::string_view s);
/// RE2 search with POSIX ERE syntax and leftmost-longest matching; false for an invalid regex.
bool regex_search(std::string_view s, std::string_view regex);
/// Filesystem glob (POSIX glob(3) plus `**` for any depth), sorted.
std::vector<std::string> glob_paths(std::string_view pattern);
/// The TestFile(code) test of a path (code_tables.def, SHELL-HOST.md §6.1).
bool test_file(uint8_t code, std::string_view path);
}  // namespace shell

}  // namespace fusevm
