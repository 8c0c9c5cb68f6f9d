// The TestFile(code) file tests (SHELL-HOST.md §6.1). The VM calls these directly: a host cannot
// override them. The original's semantics are kept, including its quirks (`-r`/`-w` only check
// existence; `-S`/`-p`/`-b`/`-c` look at the link itself, not its target).
#include <sys/stat.h>

#include <string>

#include "fusevm/code_tables.h"
#include "fusevm/shell_host.h"

namespace fusevm::shell {

bool test_file(uint8_t code, std::string_view path) {
  // A path with a NUL cannot name a file; passing it on would test a shorter path.
  if (path.empty() || path.find('\0') != std::string_view::npos) return false;
  std::string p;
  try {
    p.assign(path);
  } catch (const std::exception&) {
    return false;
  }
  struct stat st {};
  auto follow = [&] { return ::stat(p.c_str(), &st) == 0; };
  auto no_follow = [&] { return ::lstat(p.c_str(), &st) == 0; };
  switch (code) {
    case file_test::IS_FILE: return follow() && S_ISREG(st.st_mode);
    case file_test::IS_DIR: return follow() && S_ISDIR(st.st_mode);
    // The original checks existence only; a permission check is a real host's business.
    case file_test::IS_READABLE:
    case file_test::IS_WRITABLE:
    case file_test::EXISTS: return follow();
    case file_test::IS_EXECUTABLE: return follow() && (st.st_mode & 0111) != 0;
    case file_test::IS_NONEMPTY: return follow() && st.st_size > 0;
    case file_test::IS_SYMLINK: return no_follow() && S_ISLNK(st.st_mode);
    case file_test::IS_SOCKET: return no_follow() && S_ISSOCK(st.st_mode);
    case file_test::IS_FIFO: return no_follow() && S_ISFIFO(st.st_mode);
    case file_test::IS_BLOCK_DEV: return no_follow() && S_ISBLK(st.st_mode);
    case file_test::IS_CHAR_DEV: return no_follow() && S_ISCHR(st.st_mode);
    default: return false;
  }
}

}  // namespace fusevm::shell
