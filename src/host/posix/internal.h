// PosixHost's internal state and the helpers its files share (fds, spawning, waiting). Not a
// public header.
//
// Invariants:
//   * Every fd the host owns is close-on-exec and >= kFirstPrivateFd, so it can never collide
//     with the shell fds 0-9 a child is given, and never leaks into a child by accident.
//   * Fds are shared through FdRef (refcounted): a table slot, a saved scope, a pipeline stage
//     may all hold the same fd, and it is closed when the last holder lets go. Restoring a saved
//     table therefore closes exactly what the scope opened.
//   * Every pid the host starts is in `pipeline.pids`, `jobs` or `procsubs` until waited for.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fusevm/posix_host.h"

namespace fusevm::posix {

inline constexpr int kFirstPrivateFd = 10;
inline constexpr int kShellFds = 10;

/// An fd the host may own (closed with the last reference) or borrow.
class FdRef {
 public:
  FdRef(int fd, bool owned) noexcept : fd_(fd), owned_(owned) {}
  ~FdRef();
  FdRef(const FdRef&) = delete;
  FdRef& operator=(const FdRef&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_;
  bool owned_;
};
using Fd = std::shared_ptr<FdRef>;
using FdTable = std::array<Fd, kShellFds>;

/// Takes ownership of `fd` (any number), returning it as a close-on-exec fd >= 10; null and
/// errno set on failure (the original fd is closed either way).
Fd own_fd(int fd);
/// A private close-on-exec duplicate (>= 10) of `fd`; null on failure.
Fd dup_fd(int fd);
/// An anonymous file holding `content`, positioned at its start (here-docs, here-strings).
Fd content_fd(std::string_view content, std::string& error);
/// Writes all of `text` (retrying on EINTR); false on an error.
bool write_fully(int fd, std::string_view text);
/// "strerror(errno)" text.
std::string errno_text(int err);

/// One pending redirection: a Redirect op, or a here-doc/here-string (op = READ, `source` set).
struct Redir {
  uint8_t fd = 0;
  uint8_t op = 0;
  std::string target;
  Fd source;
};

/// Applies `r` to `table`; false with a message ("path: strerror") on failure.
bool apply_redirect(FdTable& table, const Redir& r, bool noclobber, std::string& error);

/// What a spawned process gets.
struct SpawnRequest {
  const std::vector<std::string>* argv = nullptr;
  const FdTable* fds = nullptr;
  std::vector<int> keep_fds;            // private fds inherited at their own number (/dev/fd/N)
  std::vector<std::string> env;         // NAME=value
  std::string path_var;                 // $PATH for the command search
  sigset_t default_signals;             // reset to SIG_DFL in the child
};

/// Starts the command; its pid, or 0 with `status` (127/126) and a message in `error`.
pid_t spawn(const SpawnRequest& req, int32_t& status, std::string& error);
/// Waits for `pid` (retrying on EINTR); the shell status: exit code or 128 + signal.
int32_t wait_status(pid_t pid);

struct Pipeline {
  uint8_t stages = 0;
  uint8_t index = 0;
  FdTable saved;                      // the table before the pipeline
  Fd next_in;                         // read end of the current stage's output pipe
  std::vector<pid_t> pids;            // started processes, with their stage
  std::vector<uint8_t> pid_stage;
  std::vector<std::optional<int32_t>> stage_status;  // statuses known without waiting (spawn failures)
  size_t scope_depth = 0;
  std::string vm_output;              // what the VM printed in this (not last) stage
  std::vector<pid_t> writers;         // forked writers of outputs larger than a pipe
};

struct ProcSub {
  Fd fd;      // our end; the next command inherits it as /dev/fd/N
  pid_t pid;
};

struct Subshell {
  shell::Variables variables;
  Fd cwd;
  FdTable fds;
  size_t scope_depth;
  bool pipefail;
  bool noclobber;
};

struct Trap {
  Chunk handler;
  struct sigaction previous {};
};

}  // namespace fusevm::posix

namespace fusevm {

struct PosixHost::State {
  PosixHostOptions options;
  posix::FdTable fds;                      // the shell's fds as they stand (scopes applied)
  std::vector<posix::FdTable> scopes;      // tables saved by WithRedirectsBegin
  std::vector<posix::Redir> pending;       // redirections for the next command or scope
  std::vector<posix::Pipeline> pipelines;  // nested PipelineBegin
  std::vector<posix::ProcSub> procsubs;    // for the next command
  std::vector<posix::Subshell> subshells;
  std::map<pid_t, std::optional<int32_t>> jobs;  // background jobs (status once reaped)
  std::map<int, posix::Trap> traps;        // by signal number (0 = EXIT)
  bool in_trap = false;
  int32_t last_status = 0;
  pid_t last_bg = 0;

  /// Redirects the next command gets (taking them out of `pending`), applied to `table`; false
  /// after reporting the first failure.
  bool take_pending(posix::FdTable& table, PosixHost& host);
  /// What a child started now is given (environment, PATH, signals).
  posix::SpawnRequest request(const std::vector<std::string>& argv, const posix::FdTable& table) const;
  /// Reaps background jobs that have ended, without blocking.
  void reap_jobs();
  /// Closes the process-substitution fds and waits for their processes.
  void finish_procsubs();
  /// Restores the table saved by every scope deeper than `depth`.
  void unwind_scopes(size_t depth);
  /// Ends every open pipeline: closes its pipes and waits for its processes.
  void abandon_pipelines();
  /// Hands what the VM printed in the current stage to the stage's pipe.
  void flush_stage_output(posix::Pipeline& p, PosixHost& host);
};

}  // namespace fusevm
