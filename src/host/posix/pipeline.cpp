// PosixHost: pipelines and background jobs. A pipeline's stage wiring lives in the shell's fd
// table while the stage's code runs (fd 0 = the previous stage's pipe, fd 1 = this stage's), so
// the stage's own redirections apply on top of it exactly as in `cmd 2>&1 | next`.
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "internal.h"

namespace fusevm {

using posix::Fd;

namespace {

// Sets up stage `p.index`: its stdin is the previous stage's pipe, its stdout a new pipe unless
// it is the last stage.
void wire_stage(PosixHost& host, posix::FdTable& fds, posix::Pipeline& p) {
  fds = p.saved;
  if (p.index > 0) fds[0] = std::move(p.next_in);
  p.next_in = nullptr;
  if (p.index + 1 < p.stages) {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) {
      host.report_error("pipe: " + posix::errno_text(errno));
      fds[1] = nullptr;
      return;
    }
    Fd write_end = posix::own_fd(ends[1]);
    p.next_in = posix::own_fd(ends[0]);
    fds[1] = std::move(write_end);
  }
}

}  // namespace

void PosixHost::pipeline_begin(uint8_t stages) {
  s_->reap_jobs();
  posix::Pipeline p;
  p.stages = stages == 0 ? 1 : stages;
  p.saved = s_->fds;
  p.scope_depth = s_->scopes.size();
  p.stage_status.resize(p.stages);
  s_->pipelines.push_back(std::move(p));
  wire_stage(*this, s_->fds, s_->pipelines.back());
}

// Writes the stage's VM output into its pipe if the pipe can hold it (growing it up to the
// system's limit, 1 MiB by default); a larger output is written by a forked child, so the shell
// goes on to start the reader.
void PosixHost::State::flush_stage_output(posix::Pipeline& p, PosixHost& host) {
  if (p.vm_output.empty()) return;
  std::string text = std::move(p.vm_output);
  p.vm_output.clear();
  const Fd out = fds[1];
  if (!out) return;
  int queued = 0;
  (void)::ioctl(out->get(), FIONREAD, &queued);
  const size_t need = text.size() + static_cast<size_t>(std::max(queued, 0));
  long capacity = ::fcntl(out->get(), F_GETPIPE_SZ);
  if (capacity >= 0 && need > static_cast<size_t>(capacity) && need <= (size_t{1} << 20))
    capacity = ::fcntl(out->get(), F_SETPIPE_SZ, static_cast<int>(need));
  if (capacity >= 0 && need <= static_cast<size_t>(capacity)) {
    posix::write_fully(out->get(), text);
    return;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    host.report_error("fork: " + posix::errno_text(errno));
    return;
  }
  if (pid == 0) {
    ::dup2(out->get(), 1);
    if (::close_range(3, ~0U, 0) != 0) {
      for (int fd = 3, max = static_cast<int>(::sysconf(_SC_OPEN_MAX)); fd < max; ++fd) ::close(fd);
    }
    ::_exit(posix::write_fully(1, text) ? 0 : 1);
  }
  p.writers.push_back(pid);
}

void PosixHost::pipeline_stage() {
  if (s_->pipelines.empty()) return;
  posix::Pipeline& p = s_->pipelines.back();
  s_->unwind_scopes(p.scope_depth);
  s_->flush_stage_output(p, *this);
  if (p.index + 1 >= p.stages) return;  // more stages than announced: they share the last one
  ++p.index;
  // Dropping the old table closes our copy of the previous write end, so the reader sees EOF
  // once the writers exit.
  wire_stage(*this, s_->fds, p);
}

int32_t PosixHost::pipeline_end() {
  if (s_->pipelines.empty()) return s_->last_status;
  s_->unwind_scopes(s_->pipelines.back().scope_depth);
  s_->flush_stage_output(s_->pipelines.back(), *this);  // fewer stages than announced
  posix::Pipeline p = std::move(s_->pipelines.back());
  s_->pipelines.pop_back();
  s_->unwind_scopes(p.scope_depth);
  s_->fds = p.saved;  // closes the stage pipes' last ends we hold
  p.next_in = nullptr;
  p.saved = {};
  std::vector<std::optional<int32_t>> status = p.stage_status;
  status.resize(p.stages);
  for (pid_t w : p.writers) (void)posix::wait_status(w);
  for (size_t i = 0; i < p.pids.size(); ++i) {
    const int32_t st = posix::wait_status(p.pids[i]);
    std::optional<int32_t>& slot = status[p.pid_stage[i]];
    slot = st;  // several processes in one stage: the last one started wins
  }
  s_->finish_procsubs();
  int32_t result = status.back().value_or(0);
  if (s_->options.pipefail) {
    for (const auto& st : status)
      if (st.value_or(0) != 0) result = *st;
  }
  return s_->last_status = result;
}

void PosixHost::State::abandon_pipelines() {
  while (!pipelines.empty()) {
    posix::Pipeline p = std::move(pipelines.back());
    pipelines.pop_back();
    unwind_scopes(p.scope_depth);
    fds = p.saved;
    p.next_in = nullptr;
    for (pid_t pid : p.writers) (void)posix::wait_status(pid);
    for (pid_t pid : p.pids) (void)posix::wait_status(pid);
  }
}

void PosixHost::State::finish_procsubs() {
  std::vector<posix::ProcSub> list = std::move(procsubs);
  procsubs.clear();
  for (posix::ProcSub& ps : list) {
    ps.fd = nullptr;  // EOF for >(...), SIGPIPE/EOF for <(...)
    (void)posix::wait_status(ps.pid);
  }
}

// ── Background jobs ──

void PosixHost::State::reap_jobs() {
  for (auto& [pid, status] : jobs) {
    if (status) continue;
    int st = 0;
    const pid_t r = ::waitpid(pid, &st, WNOHANG);
    if (r == pid) status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    else if (r < 0 && errno == ECHILD) status = 127;
  }
}

std::vector<pid_t> PosixHost::jobs() {
  s_->reap_jobs();
  std::vector<pid_t> out;
  for (const auto& [pid, status] : s_->jobs)
    if (!status) out.push_back(pid);
  return out;
}

pid_t PosixHost::last_background_pid() const noexcept { return s_->last_bg; }

int32_t PosixHost::wait_job(pid_t pid) {
  auto it = s_->jobs.find(pid);
  if (it == s_->jobs.end()) return 127;
  const int32_t status = it->second ? *it->second : posix::wait_status(pid);
  s_->jobs.erase(it);
  return s_->last_status = status;
}

int32_t PosixHost::wait_jobs() {
  for (auto& [pid, status] : s_->jobs)
    if (!status) status = posix::wait_status(pid);
  s_->jobs.clear();
  return s_->last_status = 0;
}

}  // namespace fusevm
