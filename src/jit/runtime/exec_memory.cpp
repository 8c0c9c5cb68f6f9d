// Executable memory with W^X (see exec_memory.h).
//
// Blobs are carved out of arena chunks: a memfd mapped twice, once read+write (where code is
// copied in) and once read+execute (where it runs), so no mapping is ever writable and
// executable at once, and adding a blob costs a copy instead of mmap + mprotect. A chunk is
// unmapped once it is full and every blob in it has been freed. Where memfd is unavailable
// (or refused), each blob gets its own mapping, written, then switched to read+execute.
#include "jit/runtime/exec_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <mutex>

namespace fusevm::jit {

struct ExecMemory::Arena {
  uint8_t* rw = nullptr;
  uint8_t* rx = nullptr;
  size_t size = 0;
  size_t used = 0;
  size_t live = 0;     // blobs not yet freed
  bool current = true;  // still handing out space
  ~Arena() {
    munmap(rw, size);
    munmap(rx, size);
  }
};

namespace {

constexpr size_t kArenaBytes = size_t{1} << 20;

size_t page_size() {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return page;
}

std::mutex g_mu;
ExecMemory::Arena* g_current = nullptr;
bool g_dual_mapping_works = true;

ExecMemory::Arena* new_arena(size_t size) {
  const int fd = memfd_create("fusevm-jit", MFD_CLOEXEC);
  if (fd < 0) return nullptr;
  if (ftruncate(fd, static_cast<off_t>(size)) != 0) {
    close(fd);
    return nullptr;
  }
  void* rw = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  void* rx = rw == MAP_FAILED ? MAP_FAILED : mmap(nullptr, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
  close(fd);
  if (rw == MAP_FAILED || rx == MAP_FAILED) {
    if (rw != MAP_FAILED) munmap(rw, size);
    return nullptr;
  }
  auto* a = new ExecMemory::Arena;
  a->rw = static_cast<uint8_t*>(rw);
  a->rx = static_cast<uint8_t*>(rx);
  a->size = size;
  return a;
}

}  // namespace

Result<std::unique_ptr<ExecMemory>> ExecMemory::map(const uint8_t* code, size_t size) {
  if (size == 0) return Status(ErrorCode::InvalidArgument, "empty code blob");
  const size_t need = (size + 63) & ~size_t{63};  // cache-line aligned blobs
  {
    std::lock_guard lock(g_mu);
    if (g_dual_mapping_works && need <= kArenaBytes / 4) {
      if (g_current == nullptr || g_current->size - g_current->used < need) {
        if (g_current != nullptr) {
          g_current->current = false;
          if (g_current->live == 0) delete g_current;
        }
        g_current = new_arena(kArenaBytes);
        if (g_current == nullptr) g_dual_mapping_works = false;
      }
      if (g_current != nullptr) {
        Arena* a = g_current;
        const size_t at = a->used;
        a->used += need;
        ++a->live;
        std::memcpy(a->rw + at, code, size);
        // x86-64 keeps instruction fetch coherent with stores; other targets would flush here.
        return std::unique_ptr<ExecMemory>(new ExecMemory(a->rx + at, 0, size, a));
      }
    }
  }
  const size_t mapped = (size + page_size() - 1) / page_size() * page_size();
  void* base = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return Status(ErrorCode::OutOfMemory, "mmap of JIT code failed");
  std::memcpy(base, code, size);
  if (mprotect(base, mapped, PROT_READ | PROT_EXEC) != 0) {
    munmap(base, mapped);
    return Status(ErrorCode::OutOfMemory, "mprotect of JIT code failed");
  }
  return std::unique_ptr<ExecMemory>(new ExecMemory(base, mapped, size, nullptr));
}

ExecMemory::~ExecMemory() {
  if (arena_ == nullptr) {
    munmap(base_, mapped_);
    return;
  }
  std::lock_guard lock(g_mu);
  if (--arena_->live == 0 && !arena_->current) delete arena_;
}

}  // namespace fusevm::jit
