// PosixHost: command substitution `$(...)` and process substitution `<(...)`, `>(...)`. The
// sub-chunk runs in a forked child on a fresh VM whose PosixHost inherits the variables and has
// one end of a pipe as its stdout (or stdin). Forking gives the substitution the isolation a
// shell promises (variables, `cd`, `exit`, traps stay in the child) and lets `<(...)` run
// concurrently with its reader; the parent reads `$(...)` while the child writes, so outputs of
// any size pass.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "internal.h"

namespace fusevm {

using posix::Fd;

namespace {

// Runs `sub` in the forked child and never returns. Only the child's own fds and a fresh VM are
// used; _exit skips the parent's atexit handlers and static destructors.
[[noreturn]] void run_child(const Chunk& sub, PosixHost& parent, int in_fd, int out_fd) {
  for (int sig = 1; sig < NSIG; ++sig) {
    // The parent's traps are not the child's (a subshell resets caught signals).
    struct sigaction sa {};
    if (::sigaction(sig, nullptr, &sa) == 0 && sa.sa_handler != SIG_IGN && sa.sa_handler != SIG_DFL)
      ::signal(sig, SIG_DFL);
  }
  // The child keeps only its three streams, as 0-2: inherited copies of the parent's pipes would
  // keep their readers from ever seeing EOF while this child lives.
  const int want[3] = {in_fd, out_fd, parent.fd(2)};
  int tmp[3];
  for (int i = 0; i < 3; ++i) tmp[i] = want[i] >= 0 ? ::fcntl(want[i], F_DUPFD_CLOEXEC, 3) : -1;
  for (int i = 0; i < 3; ++i) {
    if (tmp[i] >= 0) ::dup2(tmp[i], i);
    else ::close(i);
  }
  if (::close_range(3, ~0U, 0) != 0) {
    for (int fd = 3, max = static_cast<int>(::sysconf(_SC_OPEN_MAX)); fd < max; ++fd) ::close(fd);
  }
  int status = 2;
  try {
    PosixHostOptions opts = parent.options();
    opts.import_environment = false;
    opts.stdin_fd = tmp[0] >= 0 ? 0 : -1;
    opts.stdout_fd = tmp[1] >= 0 ? 1 : -1;
    opts.stderr_fd = tmp[2] >= 0 ? 2 : -1;
    auto host = std::make_unique<PosixHost>(opts);
    host->variables() = parent.variables();
    PosixHost* h = host.get();
    VM vm(sub, opts.limits);
    vm.set_jit(false);
    vm.set_shell_host(std::move(host));
    vm.set_output(h->output_sink());
    if (opts.prepare_vm) opts.prepare_vm(vm, *h);
    VMResult r = vm.run();
    if (r.is_error()) {
      h->report_error(r.error());
      status = 2;
    } else {
      status = vm.last_status() & 0xFF;
    }
  } catch (...) {
    status = 2;
  }
  ::_exit(status);
}

// Forks a child running `sub` with `child_end` as its stdin (`child_reads`) or stdout; the
// parent keeps `parent_end`. The pid, or 0 after reporting the error.
pid_t fork_sub(PosixHost& host, const Chunk& sub, int ends[2], bool child_reads) {
  std::fflush(nullptr);  // or the child's stdio would repeat what the parent has buffered
  const pid_t pid = ::fork();
  if (pid < 0) {
    host.report_error("fork: " + posix::errno_text(errno));
    return 0;
  }
  if (pid == 0) {
    const int child_end = child_reads ? ends[0] : ends[1];
    ::close(child_reads ? ends[1] : ends[0]);
    run_child(sub, host, child_reads ? child_end : host.fd(0), child_reads ? host.fd(1) : child_end);
  }
  return pid;
}

}  // namespace

std::string PosixHost::cmd_subst(const Chunk& sub) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) {
    report_error("pipe: " + posix::errno_text(errno));
    s_->last_status = 1;
    return {};
  }
  const pid_t pid = fork_sub(*this, sub, ends, /*child_reads=*/false);
  ::close(ends[1]);
  std::string out;
  if (pid != 0) {
    char buf[65536];
    for (;;) {
      const ssize_t n = ::read(ends[0], buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(ends[0]);
  s_->last_status = pid != 0 ? posix::wait_status(pid) : 1;
  while (!out.empty() && out.back() == '\n') out.pop_back();  // POSIX: trailing newlines go
  return out;
}

namespace {

// `<(...)` (the child writes, `child_reads` false) or `>(...)` (the child reads): a pipe whose
// other end the child has, our end kept open for the next command as /dev/fd/N.
std::string process_sub(PosixHost& host, PosixHost::State& state, const Chunk& sub, bool child_reads) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) {
    host.report_error("pipe: " + posix::errno_text(errno));
    return {};
  }
  const pid_t pid = fork_sub(host, sub, ends, child_reads);
  ::close(ends[child_reads ? 0 : 1]);
  Fd ours = posix::own_fd(ends[child_reads ? 1 : 0]);
  if (pid == 0) return {};
  if (!ours) {
    host.report_error("process substitution: " + posix::errno_text(errno));
    (void)posix::wait_status(pid);
    return {};
  }
  const std::string path = "/dev/fd/" + std::to_string(ours->get());
  state.procsubs.push_back(posix::ProcSub{std::move(ours), pid});
  return path;
}

}  // namespace

std::string PosixHost::process_sub_in(const Chunk& sub) { return process_sub(*this, *s_, sub, false); }

std::string PosixHost::process_sub_out(const Chunk& sub) { return process_sub(*this, *s_, sub, true); }

}  // namespace fusevm
