// PosixHost: Redirect, HereDoc and HereString (pending until the next command or scope takes
// them), redirect scopes (WithRedirectsBegin/End) and subshells, which save and restore state.
#include <fcntl.h>
#include <unistd.h>

#include "internal.h"

namespace fusevm {

using posix::Fd;
using posix::FdTable;

void PosixHost::redirect(uint8_t fd, uint8_t op, std::string_view target) {
  s_->pending.push_back(posix::Redir{fd, op, std::string(target), nullptr});
}

void PosixHost::heredoc(std::string_view content) {
  std::string error;
  Fd fd = posix::content_fd(content, error);
  if (!fd) report_error(error);
  // Even a failed here-doc takes its place, so the command reads nothing rather than the
  // shell's own stdin; a closed slot 0 does that.
  posix::Redir r{0, 0, std::string(), std::move(fd)};
  if (!r.source) r.op = 0xFF;
  s_->pending.push_back(std::move(r));
}

void PosixHost::herestring(std::string_view content) {
  std::string body(content);
  body += '\n';
  heredoc(body);
}

bool PosixHost::State::take_pending(FdTable& table, PosixHost& host) {
  std::vector<posix::Redir> list = std::move(pending);
  pending.clear();
  for (const posix::Redir& r : list) {
    if (r.op == 0xFF) {  // a here-doc whose body could not be stored (already reported)
      table[0] = nullptr;
      continue;
    }
    std::string error;
    if (!posix::apply_redirect(table, r, options.noclobber, error)) {
      host.report_error(error);
      return false;
    }
  }
  return true;
}

// The last `count` pending redirections become the shell's own until WithRedirectsEnd. If one
// fails, it is reported and the scope holds the redirections applied before it (the block still
// runs: the VM decides that, not the host).
void PosixHost::with_redirects_begin(uint8_t count) {
  s_->scopes.push_back(s_->fds);
  const size_t take = std::min<size_t>(count, s_->pending.size());
  std::vector<posix::Redir> earlier(s_->pending.begin(), s_->pending.end() - static_cast<ptrdiff_t>(take));
  s_->pending.erase(s_->pending.begin(), s_->pending.end() - static_cast<ptrdiff_t>(take));
  if (!s_->take_pending(s_->fds, *this)) s_->last_status = 1;
  s_->pending = std::move(earlier);
}

void PosixHost::with_redirects_end() {
  if (s_->scopes.empty()) return;  // unbalanced: nothing to restore
  s_->unwind_scopes(s_->scopes.size() - 1);
}

void PosixHost::State::unwind_scopes(size_t depth) {
  while (scopes.size() > depth) {
    fds = std::move(scopes.back());  // drops the scope's fds: they close here
    scopes.pop_back();
  }
}

// ── Subshells ──

void PosixHost::subshell_begin() {
  posix::Subshell sh;
  sh.variables = variables();
  sh.cwd = posix::own_fd(::open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  sh.fds = s_->fds;
  sh.scope_depth = s_->scopes.size();
  sh.pipefail = s_->options.pipefail;
  sh.noclobber = s_->options.noclobber;
  s_->subshells.push_back(std::move(sh));
}

// The status is the VM's `$?` as the subshell's last command left it, so nothing is returned.
std::optional<int32_t> PosixHost::subshell_end() {
  if (s_->subshells.empty()) return std::nullopt;
  posix::Subshell sh = std::move(s_->subshells.back());
  s_->subshells.pop_back();
  s_->unwind_scopes(sh.scope_depth);
  s_->fds = std::move(sh.fds);
  variables() = std::move(sh.variables);
  s_->options.pipefail = sh.pipefail;
  s_->options.noclobber = sh.noclobber;
  if (sh.cwd && ::fchdir(sh.cwd->get()) != 0)
    report_error("subshell: cannot restore the working directory: " + posix::errno_text(errno));
  return std::nullopt;
}

}  // namespace fusevm
