// Starting and waiting for commands: the PATH search (the shell's $PATH, not the process's),
// posix_spawn with the virtual fd table, and POSIX shell exit statuses.
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "internal.h"

namespace fusevm::posix {
namespace {

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// The command's path: itself if it contains a slash, else the first executable file in $PATH
// (an empty entry is the current directory). Empty if nothing is found.
std::string resolve(const std::string& name, const std::string& path_var) {
  if (name.find('/') != std::string::npos) return name;
  size_t start = 0;
  while (start <= path_var.size()) {
    size_t end = path_var.find(':', start);
    if (end == std::string::npos) end = path_var.size();
    std::string dir = path_var.substr(start, end - start);
    const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
    if (is_executable_file(candidate)) return candidate;
    start = end + 1;
  }
  return {};
}

// RAII for the spawn attribute objects, so every error path releases them.
struct SpawnObjects {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnObjects() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnObjects() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnObjects(const SpawnObjects&) = delete;
  SpawnObjects& operator=(const SpawnObjects&) = delete;
};

}  // namespace

pid_t spawn(const SpawnRequest& req, int32_t& status, std::string& error) {
  const std::vector<std::string>& argv = *req.argv;
  const std::string& name = argv.front();
  for (const std::string& a : argv) {
    if (a.find('\0') != std::string::npos) {
      status = 126;
      error = name + ": argument contains a NUL byte";
      return 0;
    }
  }
  const std::string path = resolve(name, req.path_var);
  if (path.empty() || name.empty()) {
    status = 127;
    error = name + ": command not found";
    return 0;
  }
  SpawnObjects so;
  // Every source fd is a private one (>= 10), so dup2 into 0-9 in order never clobbers a
  // source that a later slot still needs.
  for (int i = 0; i < kShellFds; ++i) {
    const Fd& fd = (*req.fds)[static_cast<size_t>(i)];
    if (fd) posix_spawn_file_actions_adddup2(&so.actions, fd->get(), i);
    else posix_spawn_file_actions_addclose(&so.actions, i);
  }
  // dup2 onto itself clears close-on-exec (glibc >= 2.29, POSIX issue 8): /dev/fd/N stays open.
  for (int fd : req.keep_fds) posix_spawn_file_actions_adddup2(&so.actions, fd, fd);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&so.attr, &empty);
  posix_spawnattr_setsigdefault(&so.attr, &req.default_signals);
  posix_spawnattr_setflags(&so.attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (const std::string& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  std::vector<char*> cenv;
  cenv.reserve(req.env.size() + 1);
  for (const std::string& e : req.env) cenv.push_back(const_cast<char*>(e.c_str()));
  cenv.push_back(nullptr);

  pid_t pid = 0;
  const int rc = posix_spawn(&pid, path.c_str(), &so.actions, &so.attr, cargv.data(), cenv.data());
  if (rc != 0) {
    status = rc == ENOENT || rc == ENOTDIR ? 127 : 126;
    error = path + ": " + errno_text(rc);
    return 0;
  }
  return pid;
}

int32_t wait_status(pid_t pid) {
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0) {
    if (errno != EINTR) return 127;  // not our child (cannot happen for pids we started)
  }
  if (WIFEXITED(st)) return WEXITSTATUS(st);
  if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
  return 1;
}

}  // namespace fusevm::posix
