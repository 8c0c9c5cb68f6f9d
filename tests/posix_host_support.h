// Helpers for the PosixHost tests: a small program builder for shell-op chunks, and a rig that
// runs a chunk on a PosixHost whose stdout and stderr are anonymous files the test reads back.
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "fusevm/builder.h"
#include "fusevm/code_tables.h"
#include "fusevm/posix_host.h"
#include "fusevm/vm.h"

namespace fusevm::test {

/// Emits shell-op programs: `cmd` runs a command and sets $? (Exec; SetStatus), `stage` runs a
/// pipeline stage's command and drops its placeholder status.
struct Prog {
  ChunkBuilder b;
  Prog() { b.set_fusion(false); }
  uint16_t k(const std::string& s) { return b.add_constant(Value::string(s)); }
  void push(const std::string& s) { b.emit(ins::LoadConst(k(s)), 1); }
  void argv(const std::vector<std::string>& words) {
    for (const std::string& w : words) push(w);
  }
  void cmd(const std::vector<std::string>& words) {
    argv(words);
    b.emit(ins::Exec(static_cast<uint8_t>(words.size())), 1);
    b.emit(ins::SetStatus(), 1);
  }
  void stage(const std::vector<std::string>& words) {
    argv(words);
    b.emit(ins::Exec(static_cast<uint8_t>(words.size())), 1);
    b.emit(ins::Pop(), 1);
  }
  void redirect(uint8_t fd, uint8_t op, const std::string& target) {
    push(target);
    b.emit(ins::Redirect(fd, op), 1);
  }
  /// A pipeline of the given commands; $? is its status.
  void pipeline(const std::vector<std::vector<std::string>>& stages) {
    b.emit(ins::PipelineBegin(static_cast<uint8_t>(stages.size())), 1);
    for (size_t i = 0; i < stages.size(); ++i) {
      if (i > 0) b.emit(ins::PipelineStage(), 1);
      stage(stages[i]);
    }
    b.emit(ins::PipelineEnd(), 1);
    b.emit(ins::Pop(), 1);
  }
  void get_status() { b.emit(ins::GetStatus(), 1); }
  Chunk build() { return std::move(b).build(); }
};

/// An anonymous file to capture a stream.
inline int capture_fd() { return ::memfd_create("capture", MFD_CLOEXEC); }

inline std::string read_all(int fd) {
  std::string out;
  char buf[65536];
  off_t at = 0;
  for (;;) {
    const ssize_t n = ::pread(fd, buf, sizeof buf, at);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    at += n;
  }
  return out;
}

/// Open fds of this process.
inline size_t open_fd_count() {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) {
    (void)e;
    ++n;
  }
  return n;
}

/// True if this process has a child that has exited and not been waited for.
inline bool has_zombie_child() {
  siginfo_t info{};
  info.si_pid = 0;
  const int r = ::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT);
  return r == 0 && info.si_pid != 0;
}

/// A VM on a PosixHost writing to captured stdout/stderr.
struct Rig {
  int out = capture_fd();
  int err = capture_fd();
  PosixHost* host = nullptr;
  std::unique_ptr<VM> vm;

  explicit Rig(Chunk chunk, PosixHostOptions opts = {}) {
    opts.stdout_fd = out;
    opts.stderr_fd = err;
    opts.name = "test";
    auto h = std::make_unique<PosixHost>(std::move(opts));
    host = h.get();
    vm = std::make_unique<VM>(std::move(chunk));
    vm->set_jit(false);
    vm->set_shell_host(std::move(h));
    vm->set_output(host->output_sink());
  }
  ~Rig() {
    vm.reset();
    ::close(out);
    ::close(err);
  }
  Rig(const Rig&) = delete;
  Rig& operator=(const Rig&) = delete;
  VMResult run() { return vm->run(); }
  std::string stdout_text() const { return read_all(out); }
  std::string stderr_text() const { return read_all(err); }
};

/// A fresh directory under the system's temp dir, removed at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "fusevm-posix-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace fusevm::test
