// Executable memory with W^X: no mapping is ever writable and executable at once. Code is
// written through a read+write view of shared memory and run from a separate read+execute view
// of the same pages (or, where that is unavailable, written into its own mapping which is then
// switched to read+execute and never made writable again). exec_memory.cpp has the details.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "fusevm/status.h"

namespace fusevm::jit {

class ExecMemory {
 public:
  /// Maps `size` bytes of `code` executable (copying it in first). Fails on an empty blob or
  /// when the system refuses the mapping.
  static Result<std::unique_ptr<ExecMemory>> map(const uint8_t* code, size_t size);
  ~ExecMemory();
  ExecMemory(const ExecMemory&) = delete;
  ExecMemory& operator=(const ExecMemory&) = delete;

  const uint8_t* data() const noexcept { return static_cast<const uint8_t*>(base_); }
  size_t size() const noexcept { return size_; }

  struct Arena;

 private:
  ExecMemory(void* base, size_t mapped, size_t size, Arena* arena)
      : base_(base), mapped_(mapped), size_(size), arena_(arena) {}
  void* base_;
  size_t mapped_;  // own mapping (when arena_ is null)
  size_t size_;
  Arena* arena_;   // the shared arena chunk it lives in, if any
};

}  // namespace fusevm::jit
