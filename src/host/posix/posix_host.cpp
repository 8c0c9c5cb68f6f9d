// PosixHost: construction, running commands (Exec, CallFunction's fallback, ExecBg), the output
// sink, error reports and the end-of-run cleanup. Pipelines, redirections, substitutions, traps
// and jobs have files of their own in this folder.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <string>
#include <stdexcept>

#include "internal.h"

namespace fusevm {

using posix::Fd;
using posix::FdTable;

PosixHost::PosixHost(PosixHostOptions options) : s_(std::make_unique<State>()) {
  s_->options = std::move(options);
  if (s_->options.import_environment) variables().import_environment();
  s_->fds[0] = posix::dup_fd(s_->options.stdin_fd);
  s_->fds[1] = posix::dup_fd(s_->options.stdout_fd);
  s_->fds[2] = posix::dup_fd(s_->options.stderr_fd);
}

PosixHost::~PosixHost() {
  s_->abandon_pipelines();
  s_->finish_procsubs();
  s_->reap_jobs();
  for (auto& [sig, trap] : s_->traps)
    if (sig > 0) ::sigaction(sig, &trap.previous, nullptr);
}

PosixHostOptions& PosixHost::options() noexcept { return s_->options; }
int32_t PosixHost::last_status() const noexcept { return s_->last_status; }
size_t PosixHost::subshell_depth() const noexcept { return s_->subshells.size(); }

int PosixHost::fd(int shell_fd) const noexcept {
  if (shell_fd < 0 || shell_fd >= posix::kShellFds) return -1;
  const Fd& f = s_->fds[static_cast<size_t>(shell_fd)];
  return f ? f->get() : -1;
}

std::vector<std::string> PosixHost::glob(std::string_view pattern, bool /*recursive*/) {
  return shell::glob_paths(pattern);  // glob(3), `**` as a component (docs/hosts.md)
}

// ── Output ──

namespace {

void write_all(int fd, std::string_view text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error("write to the shell's output: " + posix::errno_text(errno));
    done += static_cast<size_t>(n);
  }
}

}  // namespace

// In a pipeline stage that is not the last, the reader has not started yet, so the VM's own
// output is collected and handed over when the stage ends (pipeline.cpp): writing it into the
// pipe now could fill the pipe and block forever.
OutputSink PosixHost::output_sink() {
  return [this](std::string_view text) {
    if (text.empty()) return;
    if (!s_->pipelines.empty()) {
      posix::Pipeline& p = s_->pipelines.back();
      if (p.index + 1 < p.stages && s_->scopes.size() == p.scope_depth) {
        p.vm_output.append(text);
        return;
      }
    }
    const Fd out = s_->fds[1];
    if (!out) throw std::runtime_error("write to the shell's output: fd 1 is closed");
    write_all(out->get(), text);
  };
}

void PosixHost::report_error(std::string_view message) {
  const Fd err = s_->fds[2];
  if (!err) return;
  std::string line = s_->options.name + ": " + std::string(message) + "\n";
  try {
    write_all(err->get(), line);
  } catch (const std::runtime_error&) {
    // Nowhere left to report to.
  }
}

// ── Commands ──

posix::SpawnRequest PosixHost::State::request(const std::vector<std::string>& argv, const FdTable& table) const {
  posix::SpawnRequest req;
  req.argv = &argv;
  req.fds = &table;
  for (const posix::ProcSub& p : procsubs) req.keep_fds.push_back(p.fd->get());
  return req;
}

namespace {

// The child's environment, PATH and default signals come from the host's variables and traps.
void complete_request(posix::SpawnRequest& req, PosixHost& host, const std::map<int, posix::Trap>& traps) {
  req.env = host.variables().environment();
  const Value* path = host.variables().get("PATH");
  req.path_var = path != nullptr ? path->to_str() : "/usr/local/bin:/usr/bin:/bin";
  // Everything a child could inherit as ignored goes back to the default, except what the
  // script itself ignores (`trap '' SIG`), which POSIX says children inherit.
  sigfillset(&req.default_signals);
  sigdelset(&req.default_signals, SIGKILL);
  sigdelset(&req.default_signals, SIGSTOP);
  for (const auto& [sig, trap] : traps)
    if (sig > 0 && trap.handler.ops.empty()) sigdelset(&req.default_signals, sig);
}

}  // namespace

int32_t PosixHost::exec(std::vector<std::string> argv) {
  s_->reap_jobs();
  if (argv.empty()) return 0;
  FdTable table = s_->fds;
  if (!s_->take_pending(table, *this)) {
    if (!s_->pipelines.empty()) {
      s_->pipelines.back().stage_status.resize(s_->pipelines.back().stages);
      s_->pipelines.back().stage_status[s_->pipelines.back().index] = 1;
      return 0;
    }
    s_->finish_procsubs();
    return s_->last_status = 1;
  }
  posix::SpawnRequest req = s_->request(argv, table);
  complete_request(req, *this, s_->traps);
  int32_t status = 0;
  std::string error;
  const pid_t pid = posix::spawn(req, status, error);
  if (pid == 0) {
    // Reported on the command's own stderr, as a shell does (`cmd 2>/dev/null` hides it).
    if (const Fd& err = table[2]) {
      try {
        write_all(err->get(), s_->options.name + ": " + error + "\n");
      } catch (const std::runtime_error&) {
      }
    }
  }
  if (!s_->pipelines.empty()) {
    posix::Pipeline& p = s_->pipelines.back();
    p.stage_status.resize(p.stages);
    if (pid != 0) {
      p.pids.push_back(pid);
      p.pid_stage.push_back(p.index);
      p.stage_status[p.index].reset();
    } else {
      p.stage_status[p.index] = status;
    }
    return 0;  // PipelineEnd gives the pipeline's status
  }
  if (pid != 0) status = posix::wait_status(pid);
  s_->finish_procsubs();
  return s_->last_status = status;
}

int32_t PosixHost::exec_bg(std::vector<std::string> argv) {
  s_->reap_jobs();
  if (argv.empty()) return 0;
  FdTable table = s_->fds;
  // POSIX: an asynchronous command's stdin is /dev/null unless it is redirected.
  table[0] = posix::own_fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (!s_->take_pending(table, *this)) return 0;
  posix::SpawnRequest req = s_->request(argv, table);
  complete_request(req, *this, s_->traps);
  int32_t status = 0;
  std::string error;
  const pid_t pid = posix::spawn(req, status, error);
  if (pid == 0) {
    report_error(error);
    return 0;
  }
  s_->jobs.emplace(pid, std::nullopt);
  s_->last_bg = pid;
  return pid;
}

int32_t PosixHost::change_directory(std::string_view path) {
  std::string dir(path);
  if (dir.empty()) {
    const Value* home = variables().get("HOME");
    dir = home != nullptr ? home->to_str() : std::string();
  }
  if (dir.empty() || dir.find('\0') != std::string::npos || ::chdir(dir.c_str()) != 0) {
    report_error("cd: " + dir + ": " + posix::errno_text(dir.empty() || dir.find('\0') != std::string::npos ? ENOENT : errno));
    return 1;
  }
  const Value* old = variables().get("PWD");
  variables().set("OLDPWD", old != nullptr ? *old : Value::string(""));
  char buf[PATH_MAX];
  if (::getcwd(buf, sizeof buf) != nullptr) variables().set("PWD", Value::string(buf));
  return 0;
}

// ── End of a run ──

// A chunk that failed (or returned) inside a scope, pipeline or subshell leaves them open; the
// host is the only one who can close them, and does so here.
void PosixHost::run_ended(bool /*failed*/) {
  if (!s_->subshells.empty()) {
    // Restore the outermost subshell's saved state: nothing the subshell changed survives.
    while (s_->subshells.size() > 1) s_->subshells.pop_back();
    (void)subshell_end();
  }
  s_->abandon_pipelines();
  s_->unwind_scopes(0);
  s_->pending.clear();
  s_->finish_procsubs();
  s_->reap_jobs();
}

}  // namespace fusevm
