// PosixHost's file descriptors: private fds (close-on-exec, >= 10), here-document bodies, and
// the nine redirection kinds applied to a virtual fd table (code_tables.def, SHELL-HOST.md §6.2).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "fusevm/code_tables.h"
#include "internal.h"

namespace fusevm::posix {

FdRef::~FdRef() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

std::string errno_text(int err) {
  char buf[256];
  // GNU strerror_r returns the text (possibly not in buf); thread-safe, unlike strerror.
  return std::string(strerror_r(err, buf, sizeof buf));
}

bool write_fully(int fd, std::string_view text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

Fd own_fd(int fd) {
  if (fd < 0) return nullptr;
  if (fd >= kFirstPrivateFd) return std::make_shared<FdRef>(fd, true);
  const int high = ::fcntl(fd, F_DUPFD_CLOEXEC, kFirstPrivateFd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return high < 0 ? nullptr : std::make_shared<FdRef>(high, true);
}

Fd dup_fd(int fd) {
  if (fd < 0) return nullptr;
  const int high = ::fcntl(fd, F_DUPFD_CLOEXEC, kFirstPrivateFd);
  return high < 0 ? nullptr : std::make_shared<FdRef>(high, true);
}

// A memfd is never full, so a body of any size is ready before the command starts: no writer
// process and no pipe-capacity deadlock.
Fd content_fd(std::string_view content, std::string& error) {
  Fd fd = own_fd(::memfd_create("fusevm-heredoc", MFD_CLOEXEC));
  if (!fd) {
    error = "here-document: " + errno_text(errno);
    return nullptr;
  }
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd->get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = "here-document: " + errno_text(errno);
      return nullptr;
    }
    done += static_cast<size_t>(n);
  }
  if (::lseek(fd->get(), 0, SEEK_SET) != 0) {
    error = "here-document: " + errno_text(errno);
    return nullptr;
  }
  return fd;
}

namespace {

Fd open_target(const std::string& path, int flags, std::string& error) {
  if (path.find('\0') != std::string::npos) {
    error = "invalid file name";
    return nullptr;
  }
  Fd fd = own_fd(::open(path.c_str(), flags | O_CLOEXEC, 0666));
  if (!fd) error = path + ": " + errno_text(errno);
  return fd;
}

std::optional<int> fd_number(std::string_view word) {
  int n = 0;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
  if (ec != std::errc() || end != word.data() + word.size() || word.empty()) return std::nullopt;
  return n;
}

}  // namespace

bool apply_redirect(FdTable& table, const Redir& r, bool noclobber, std::string& error) {
  const int n = r.fd;
  if (r.source) {  // here-document or here-string
    if (n >= kShellFds) {
      error = std::to_string(n) + ": bad file descriptor";
      return false;
    }
    table[static_cast<size_t>(n)] = r.source;
    return true;
  }
  const bool both = r.op == redirect_op::WRITE_BOTH || r.op == redirect_op::APPEND_BOTH;
  if (!both && n >= kShellFds) {
    error = std::to_string(n) + ": bad file descriptor (the shell's fds are 0-9)";
    return false;
  }
  auto set = [&](Fd fd) {
    if (both) {
      table[1] = fd;
      table[2] = fd;
    } else {
      table[static_cast<size_t>(n)] = std::move(fd);
    }
  };
  int flags = 0;
  switch (r.op) {
    case redirect_op::WRITE:
      if (noclobber) {
        struct stat st {};
        if (::stat(r.target.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
          error = r.target + ": cannot overwrite existing file";
          return false;
        }
      }
      flags = O_WRONLY | O_CREAT | O_TRUNC;
      break;
    case redirect_op::CLOBBER:
    case redirect_op::WRITE_BOTH:
      flags = O_WRONLY | O_CREAT | O_TRUNC;
      break;
    case redirect_op::APPEND:
    case redirect_op::APPEND_BOTH:
      flags = O_WRONLY | O_CREAT | O_APPEND;
      break;
    case redirect_op::READ:
      flags = O_RDONLY;
      break;
    case redirect_op::READ_WRITE:
      flags = O_RDWR | O_CREAT;
      break;
    case redirect_op::DUP_READ:
    case redirect_op::DUP_WRITE: {
      if (r.target == "-") {
        table[static_cast<size_t>(n)] = nullptr;
        return true;
      }
      const std::optional<int> from = fd_number(r.target);
      if (!from) {
        if (r.op == redirect_op::DUP_READ) {
          error = r.target + ": ambiguous redirect";
          return false;
        }
        // `>& file` is bash's `&> file`.
        Fd fd = open_target(r.target, O_WRONLY | O_CREAT | O_TRUNC, error);
        if (!fd) return false;
        table[1] = fd;
        table[2] = fd;
        return true;
      }
      if (*from < 0 || *from >= kShellFds || !table[static_cast<size_t>(*from)]) {
        error = r.target + ": bad file descriptor";
        return false;
      }
      table[static_cast<size_t>(n)] = table[static_cast<size_t>(*from)];
      return true;
    }
    default:
      error = "unknown redirection kind " + std::to_string(r.op);
      return false;
  }
  Fd fd = open_target(r.target, flags, error);
  if (!fd) return false;
  set(std::move(fd));
  return true;
}

}  // namespace fusevm::posix
