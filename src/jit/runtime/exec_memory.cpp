// W^X executable mappings (see exec_memory.h).
#include "jit/runtime/exec_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

namespace fusevm::jit {

Result<std::unique_ptr<ExecMemory>> ExecMemory::map(const uint8_t* code, size_t size) {
  if (size == 0) return Status(ErrorCode::InvalidArgument, "empty code blob");
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t mapped = (size + page - 1) / page * page;
  void* base = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return Status(ErrorCode::OutOfMemory, "mmap of JIT code failed");
  std::memcpy(base, code, size);
  if (mprotect(base, mapped, PROT_READ | PROT_EXEC) != 0) {
    munmap(base, mapped);
    return Status(ErrorCode::OutOfMemory, "mprotect of JIT code failed");
  }
  // x86-64 keeps instruction fetch coherent with stores; other targets would flush here.
  return std::unique_ptr<ExecMemory>(new ExecMemory(base, mapped, size));
}

ExecMemory::~ExecMemory() { munmap(base_, mapped_); }

}  // namespace fusevm::jit
