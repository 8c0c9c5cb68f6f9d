// IoTable: named output and input streams, pipes through /bin/sh, close/fflush/system.
#include "io.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace fusevm::awkfront {
namespace {

constexpr size_t kStdoutFlushAt = size_t{1} << 16;

bool is_stdout_name(std::string_view name) { return name == "/dev/stdout" || name == "-"; }
bool is_stderr_name(std::string_view name) { return name == "/dev/stderr"; }
bool is_stdin_name(std::string_view name) { return name == "/dev/stdin" || name == "-"; }

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

int awk_exit_status(int wait_status) {
  if (wait_status == -1) return -1;
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 256 + WTERMSIG(wait_status);
  return wait_status;
}

struct IoTable::Output {
  enum class Kind : uint8_t { Stdout, Stderr, File, Pipe } kind = Kind::File;
  FILE* file = nullptr;  // File (fopen) or Pipe (popen)
  bool failed = false;
};

struct IoTable::Input {
  std::unique_ptr<RecordReader> reader;
  FILE* pipe = nullptr;  // popen'd command, or nullptr for a file
};

IoTable::IoTable(OutputSink stdout_sink) : stdout_sink_(std::move(stdout_sink)) {
  if (!stdout_sink_) {
    stdout_sink_ = [](std::string_view text) { write_all(1, text); };
  }
}

IoTable::~IoTable() {
  std::string ignored;
  close_all(ignored);
}

void IoTable::write_stdout(std::string_view text) {
  stdout_buffer_.append(text);
  if (stdout_unbuffered_ || stdout_buffer_.size() >= kStdoutFlushAt) flush_stdout();
}

void IoTable::flush_stdout() {
  if (stdout_buffer_.empty()) return;
  stdout_sink_(stdout_buffer_);
  stdout_buffer_.clear();
}

bool IoTable::open_output(const std::string& name, OutputMode mode, Output& out, std::string& error) {
  if (outputs_.size() + inputs_.size() >= kMaxOpenStreams) {
    error = "too many open files and commands (close some with close())";
    return false;
  }
  if (is_stdout_name(name)) {
    out.kind = Output::Kind::Stdout;
    return true;
  }
  if (is_stderr_name(name)) {
    out.kind = Output::Kind::Stderr;
    return true;
  }
  if (sandbox_) {
    error = std::string(mode == OutputMode::Pipe ? "can't run \"" : "can't write to \"") + name +
            "\": commands and files are disabled (sandbox)";
    return false;
  }
  if (mode == OutputMode::Pipe) {
    flush_stdout();
    std::fflush(nullptr);
    out.kind = Output::Kind::Pipe;
    out.file = ::popen(name.c_str(), "w");
  } else {
    out.kind = Output::Kind::File;
    out.file = std::fopen(name.c_str(), mode == OutputMode::Append ? "ae" : "we");
  }
  if (out.file == nullptr) {
    error = std::string("can't redirect to \"") + name + "\": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool IoTable::write_to(std::string_view name, OutputMode mode, std::string_view text, std::string& error) {
  auto it = outputs_.find(std::string(name));
  if (it == outputs_.end()) {
    auto out = std::make_unique<Output>();
    const std::string key(name);
    if (!open_output(key, mode, *out, error)) return false;
    it = outputs_.emplace(key, std::move(out)).first;
  }
  Output& out = *it->second;
  switch (out.kind) {
    case Output::Kind::Stdout:
      write_stdout(text);
      return true;
    case Output::Kind::Stderr:
      flush_stdout();
      write_all(2, text);
      return true;
    case Output::Kind::File:
    case Output::Kind::Pipe:
      if (std::fwrite(text.data(), 1, text.size(), out.file) != text.size() && !out.failed) {
        out.failed = true;
        // A reader that went away (print | "head -1") is not an error of the program.
        if (out.kind == Output::Kind::Pipe && errno == EPIPE) return true;
        error = std::string("write to \"") + std::string(name) + "\" failed: " + std::strerror(errno);
        return false;
      }
      return true;
  }
  return true;
}

RecordReader* IoTable::reader(std::string_view name, bool is_command, std::string& error) {
  const std::string key(name);
  auto it = inputs_.find(key);
  if (it != inputs_.end()) return it->second->reader.get();
  if (outputs_.size() + inputs_.size() >= kMaxOpenStreams) {
    error = "too many open files and commands (close some with close())";
    return nullptr;
  }
  if (sandbox_) {
    error = std::string(is_command ? "can't run \"" : "can't open \"") + key + "\": commands and files are disabled (sandbox)";
    return nullptr;
  }
  auto in = std::make_unique<Input>();
  if (is_command) {
    flush_stdout();
    std::fflush(nullptr);
    in->pipe = ::popen(key.c_str(), "r");
    if (in->pipe == nullptr) {
      error = std::string("can't run \"") + key + "\": " + std::strerror(errno);
      return nullptr;
    }
    in->reader = std::make_unique<RecordReader>(std::make_unique<FdSource>(::fileno(in->pipe), false));
  } else if (!is_command && is_stdin_name(name)) {
    in->reader = std::make_unique<RecordReader>(stdin_source_ ? stdin_source_() : std::make_unique<FdSource>(0, false));
  } else {
    const int fd = ::open(key.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      error = std::string("can't open \"") + key + "\": " + std::strerror(errno);
      return nullptr;
    }
    in->reader = std::make_unique<RecordReader>(std::make_unique<FdSource>(fd, true));
  }
  RecordReader* reader = in->reader.get();
  inputs_.emplace(key, std::move(in));
  return reader;
}

int IoTable::close(std::string_view name) {
  const std::string key(name);
  int result = -1;
  if (auto it = outputs_.find(key); it != outputs_.end()) {
    Output& out = *it->second;
    result = 0;
    if (out.kind == Output::Kind::Pipe) {
      flush_stdout();
      result = awk_exit_status(::pclose(out.file));
    } else if (out.kind == Output::Kind::File) {
      result = std::fclose(out.file) == 0 ? 0 : -1;
    } else if (out.kind == Output::Kind::Stdout) {
      flush_stdout();
    }
    outputs_.erase(it);
  }
  if (auto it = inputs_.find(key); it != inputs_.end()) {
    Input& in = *it->second;
    in.reader.reset();
    result = in.pipe != nullptr ? awk_exit_status(::pclose(in.pipe)) : 0;
    inputs_.erase(it);
  }
  return result;
}

int IoTable::flush(std::optional<std::string_view> name) {
  if (!name) {
    flush_stdout();
    for (auto& [key, out] : outputs_)
      if (out->file != nullptr) std::fflush(out->file);
    return 0;
  }
  auto it = outputs_.find(std::string(*name));
  if (it == outputs_.end()) {
    if (is_stdout_name(*name)) {
      flush_stdout();
      return 0;
    }
    return -1;
  }
  if (it->second->kind == Output::Kind::Stdout) flush_stdout();
  if (it->second->file != nullptr) std::fflush(it->second->file);
  return 0;
}

bool IoTable::system(std::string_view command, int& status, std::string& error) {
  if (sandbox_) {
    error = "system(\"" + std::string(command) + "\"): commands are disabled (sandbox)";
    return false;
  }
  flush(std::nullopt);
  std::fflush(nullptr);
  status = awk_exit_status(std::system(std::string(command).c_str()));
  return true;
}

bool IoTable::close_all(std::string& error) {
  flush_stdout();
  bool ok = true;
  for (auto& [key, out] : outputs_) {
    if (out->file == nullptr) continue;
    if (out->kind == Output::Kind::Pipe) {
      ::pclose(out->file);
    } else if (std::fclose(out->file) != 0 && ok) {
      ok = false;
      error = "close of \"" + key + "\" failed: " + std::strerror(errno);
    }
  }
  outputs_.clear();
  for (auto& [key, in] : inputs_) {
    in->reader.reset();
    if (in->pipe != nullptr) ::pclose(in->pipe);
  }
  inputs_.clear();
  return ok;
}

}  // namespace fusevm::awkfront
