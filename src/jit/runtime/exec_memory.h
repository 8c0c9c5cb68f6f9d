// Executable memory with W^X: a mapping is written while it is read+write, then switched to
// read+execute, and never made writable again. Each code blob gets its own pages, so no page
// ever holds running code while another blob is being written.
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

 private:
  ExecMemory(void* base, size_t mapped, size_t size) : base_(base), mapped_(mapped), size_(size) {}
  void* base_;
  size_t mapped_;
  size_t size_;
};

}  // namespace fusevm::jit
