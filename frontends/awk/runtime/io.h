// The awk program's own streams: standard output (buffered), and the files and commands that
// `print > f`, `print >> f`, `print | cmd`, `getline < f` and `cmd | getline` open by name and
// that stay open until close(). Commands run through /bin/sh -c, as POSIX requires.
//
// Ordering: standard output is buffered, so before any command starts, before a pipe is closed
// and before system() runs, everything buffered is written out first; a command's output then
// lands after what the program printed before it, as in gawk and mawk.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "records.h"

namespace fusevm::awkfront {

/// How print output is redirected.
enum class OutputMode : uint8_t { Truncate, Append, Pipe };

/// Where standard output goes (the whole buffered text at each flush).
using OutputSink = std::function<void(std::string_view text)>;

class IoTable {
 public:
  /// Files and commands the program may have open at once (beyond that, opening fails with a
  /// message, instead of the process running out of descriptors).
  static constexpr size_t kMaxOpenStreams = 1000;

  explicit IoTable(OutputSink stdout_sink);
  ~IoTable();
  IoTable(const IoTable&) = delete;
  IoTable& operator=(const IoTable&) = delete;

  /// Appends to standard output (flushed when the buffer is large, or by flush_stdout()).
  void write_stdout(std::string_view text);
  void flush_stdout();
  /// When true, standard output is flushed after every write (an interactive terminal).
  void set_stdout_unbuffered(bool on) noexcept { stdout_unbuffered_ = on; }
  /// Sandbox: no commands (pipes, system()) and no files; only standard output and standard
  /// error can be written. Opening anything else fails with a message saying so.
  void set_sandbox(bool on) noexcept { sandbox_ = on; }
  /// Where `getline < "-"` reads (default: file descriptor 0).
  void set_stdin_source(std::function<std::unique_ptr<ByteSource>()> source) { stdin_source_ = std::move(source); }
  bool sandbox() const noexcept { return sandbox_; }

  /// Writes `text` to the stream named `name`, opening it on first use. "/dev/stdout" and "-" are
  /// standard output, "/dev/stderr" standard error. False with `error` when it cannot be opened
  /// or written.
  bool write_to(std::string_view name, OutputMode mode, std::string_view text, std::string& error);

  /// The record reader for `getline < name` (is_command false) or `name | getline`, opening it on
  /// first use; nullptr with `error` when it cannot be opened. "-" and "/dev/stdin" are standard
  /// input.
  RecordReader* reader(std::string_view name, bool is_command, std::string& error);

  /// close(name): closes the output and the input stream of that name. Returns the command's
  /// exit status for a pipe (256 + signal number when killed by a signal), 0 for a file, -1 when
  /// nothing of that name is open.
  int close(std::string_view name);
  /// fflush(): flushes everything (no name) or the named output stream; 0, or -1 if no such
  /// stream is open.
  int flush(std::optional<std::string_view> name);
  /// system(command): flushes all output, runs it, returns its exit status (256 + signal).
  /// In a sandbox: false with `error`.
  bool system(std::string_view command, int& status, std::string& error);
  /// Flushes and closes everything (at exit): returns false with `error` if a write failed.
  bool close_all(std::string& error);

 private:
  struct Output;
  struct Input;
  bool open_output(const std::string& name, OutputMode mode, Output& out, std::string& error);

  OutputSink stdout_sink_;
  std::string stdout_buffer_;
  bool stdout_unbuffered_ = false;
  bool sandbox_ = false;
  std::function<std::unique_ptr<ByteSource>()> stdin_source_;
  std::unordered_map<std::string, std::unique_ptr<Output>> outputs_;
  std::unordered_map<std::string, std::unique_ptr<Input>> inputs_;
};

/// The exit status of a finished child as awk reports it (wait status -> code).
int awk_exit_status(int wait_status);

}  // namespace fusevm::awkfront
