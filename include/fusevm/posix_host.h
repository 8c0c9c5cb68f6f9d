// PosixHost: a ShellHost that really runs processes (Linux). Opt-in — the VM's default host never
// starts anything (DEVIATIONS.md G). It gives the 29 shell ops their POSIX shell meaning:
//
//   * Exec / CallFunction run a command with posix_spawn and wait (status: exit code, 128+N for
//     death by signal N, 127 not found, 126 not executable; errors printed as
//     "name: path: strerror" on the shell's stderr). ExecBg starts a background job.
//   * Redirect (the 9 kinds), HereDoc and HereString apply to the next command; with
//     WithRedirectsBegin(n) / WithRedirectsEnd they apply to a block and are undone at its end —
//     and on every other way out: SubshellEnd, the end of VM::run (an error included), the
//     host's destruction.
//   * PipelineBegin(n) / PipelineStage / PipelineEnd wire n stages with pipes; each stage's
//     commands start without waiting, PipelineEnd waits for all and gives the last stage's
//     status (or, with `pipefail`, the last non-zero one).
//   * CmdSubst, ProcessSubIn and ProcessSubOut run the sub-chunk in a forked child process, on a
//     fresh VM (JIT off) with a PosixHost of its own that inherits the variables; `$(...)`
//     returns its output minus trailing newlines, `<(...)`/`>(...)` a /dev/fd/N path that the
//     next command inherits.
//   * SubshellBegin / SubshellEnd save and restore the variables, working directory, options and
//     redirections, so a subshell's changes do not leak.
//   * TrapSet installs a signal handler that only records the signal; TrapCheck runs the trap's
//     chunk (in this process, on a fresh VM sharing this host).
//   * Glob uses glob(3) with `**`, RegexMatch RE2, as in DefaultHost.
//
// The shell's file descriptors are virtual: the host keeps its own table of fds 0-9 (taken from
// the options at construction) and hands it to each child, so redirections never touch the
// embedding process's own stdin, stdout or stderr. Every fd the host opens is close-on-exec and
// numbered 10 or above; every child is waited for.
//
// Threading: a PosixHost belongs to the thread running its VM. Substitutions fork the process;
// the child only runs a fresh VM with the JIT off and exits with _exit, which is safe in a
// single-threaded embedder and in practice with glibc's fork-safe malloc, but a multi-threaded
// embedder whose other threads hold locks the child needs (its own output sink, for one) should
// not use command or process substitution. Traps are process-wide signal dispositions: use
// them from one host at a time; the host restores the previous disposition when destroyed.
//
//   auto host = std::make_unique<fusevm::PosixHost>();
//   fusevm::PosixHost* h = host.get();
//   vm.set_shell_host(std::move(host));
//   vm.set_output(h->output_sink());   // Print and the inline `echo` honour redirections too
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fusevm/shell_host.h"
#include "fusevm/vm.h"

namespace fusevm {

class PosixHost;

/// How a PosixHost behaves; fixed at construction except `pipefail` and `noclobber`
/// (PosixHost::options()).
struct PosixHostOptions {
  /// Prefix of the error messages the host prints on the shell's stderr ("name: ...").
  std::string name = "fusevm";
  /// PipelineEnd gives the status of the last stage that failed instead of the last stage's.
  bool pipefail = false;
  /// `>` refuses to overwrite an existing regular file (`>|` still does), as `set -C`.
  bool noclobber = false;
  /// Start with every variable of the process environment, exported.
  bool import_environment = true;
  /// The shell's fds 0, 1 and 2 (duplicated at construction; -1 = closed).
  int stdin_fd = 0;
  int stdout_fd = 1;
  int stderr_fd = 2;
  /// Called for every VM the host creates to run a sub-chunk (substitutions, trap handlers) with
  /// the host that VM uses, so a frontend can register its builtins on it.
  std::function<void(VM& vm, PosixHost& host)> prepare_vm;
  /// Limits of those VMs.
  VMLimits limits;
};

class PosixHost : public ShellHost {
 public:
  explicit PosixHost(PosixHostOptions options = {});
  ~PosixHost() override;
  PosixHost(const PosixHost&) = delete;
  PosixHost& operator=(const PosixHost&) = delete;

  // ── ShellHost ──
  std::vector<std::string> glob(std::string_view pattern, bool recursive) override;
  std::string cmd_subst(const Chunk& sub) override;
  std::string process_sub_in(const Chunk& sub) override;
  std::string process_sub_out(const Chunk& sub) override;
  void redirect(uint8_t fd, uint8_t op, std::string_view target) override;
  void heredoc(std::string_view content) override;
  void herestring(std::string_view content) override;
  void with_redirects_begin(uint8_t count) override;
  void with_redirects_end() override;
  void pipeline_begin(uint8_t stages) override;
  void pipeline_stage() override;
  int32_t pipeline_end() override;
  void subshell_begin() override;
  std::optional<int32_t> subshell_end() override;
  void trap_set(std::string_view signal, const Chunk& handler) override;
  void trap_check() override;
  int32_t exec(std::vector<std::string> argv) override;
  int32_t exec_bg(std::vector<std::string> argv) override;
  void run_ended(bool failed) override;

  // ── Beyond the interface ──
  PosixHostOptions& options() noexcept;
  /// Writes to the shell's current fd 1 (redirections and pipeline stages included); give it to
  /// VM::set_output. In a pipeline stage other than the last, the output is collected and handed
  /// to the next stage when the stage ends — into the pipe if it fits (grown up to the system's
  /// limit, 1 MiB by default), else by a forked writer — so it can never block the shell.
  OutputSink output_sink();
  /// Prints "name: message" on the shell's current fd 2.
  void report_error(std::string_view message);
  /// The real fd behind the shell's fd `shell_fd` (0-9), or -1 if it is closed.
  int fd(int shell_fd) const noexcept;
  /// `cd`: changes the process's working directory (a subshell restores it) and sets PWD and
  /// OLDPWD. 0, or 1 with an error message.
  int32_t change_directory(std::string_view path);
  /// The status of the last command, pipeline or substitution the host ran (`$?` of the
  /// substitution in `x=$(cmd)`, which the VM does not track).
  int32_t last_status() const noexcept;
  /// The pid of the last background job (`$!`), or 0.
  pid_t last_background_pid() const noexcept;
  /// Background jobs not yet known to have ended.
  std::vector<pid_t> jobs();
  /// Waits for one background job (`wait $pid`): its status, or 127 if it is not a job.
  int32_t wait_job(pid_t pid);
  /// Waits for every background job (`wait`): 0.
  int32_t wait_jobs();
  /// Removes the trap of a signal (`trap - SIG`), restoring its previous disposition. False for
  /// an unknown signal.
  bool trap_reset(std::string_view signal);
  /// Runs the EXIT trap (`trap '...' EXIT`), if any, once; frontends call it as they finish.
  void run_exit_trap();
  /// Nesting depth of SubshellBegin.
  size_t subshell_depth() const noexcept;
  /// A signal's number from "INT", "SIGINT" or "2"; 0 for "EXIT"; empty if unknown.
  static std::optional<int> signal_number(std::string_view name);

  /// Internal state (src/host/posix).
  struct State;

 private:
  std::unique_ptr<State> s_;
};

}  // namespace fusevm
