// Heap accounting: every allocation a Value makes (strings, arrays, hashes, refs) goes through
// here, so that a VM can cap the memory a program uses and tests can fail the Nth allocation.
//
// The accounting is per thread: a HeapBudget installed with ScopedHeapBudget is charged for the
// allocations made by that thread until the scope ends. With no budget installed, allocation is
// plain malloc with no limit beyond a 1 TiB cap on any single request. Exceeding the budget, an
// injected failure, a request over the cap, or malloc failing all throw std::bad_alloc
// (MemoryLimitExceeded for the first two); VM::run and the loaders catch it at their boundary
// and report an error, so it never escapes the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>

namespace fusevm {

/// Counters and limits for one thread's value allocations.
struct HeapBudget {
  /// Bytes that may be outstanding at once (the memory ceiling).
  size_t limit = std::numeric_limits<size_t>::max();
  /// Bytes currently outstanding (allocated while this budget was installed, minus frees).
  size_t used = 0;
  /// Highest value `used` reached.
  size_t peak = 0;
  /// Allocations made so far.
  uint64_t allocations = 0;
  /// Fault injection: the allocation with this sequence number (1-based) fails; 0 = never.
  uint64_t fail_at = 0;
};

/// Thrown when a budget's limit or fault injection refuses an allocation.
class MemoryLimitExceeded : public std::bad_alloc {
 public:
  const char* what() const noexcept override { return "memory limit exceeded"; }
};

/// Installs a budget for the current thread for the lifetime of this object (nests).
class ScopedHeapBudget {
 public:
  explicit ScopedHeapBudget(HeapBudget* budget) noexcept;
  ~ScopedHeapBudget();
  ScopedHeapBudget(const ScopedHeapBudget&) = delete;
  ScopedHeapBudget& operator=(const ScopedHeapBudget&) = delete;

 private:
  HeapBudget* previous_;
};

/// The budget installed on this thread, or nullptr.
HeapBudget* current_heap_budget() noexcept;

namespace detail {

/// Allocates `bytes` (16-byte aligned), charging the thread's budget. Throws std::bad_alloc.
void* heap_alloc(size_t bytes);
/// Frees memory from heap_alloc.
void heap_free(void* p, size_t bytes) noexcept;
/// Resizes a block from heap_alloc (or nullptr, with old_bytes 0) to `new_bytes`, moving its bytes
/// when it must (realloc), charging or refunding only the difference. Throws std::bad_alloc and
/// leaves the block as it was when the budget or the allocator refuses.
void* heap_realloc(void* p, size_t old_bytes, size_t new_bytes);

/// std::allocator replacement that charges the heap budget.
template <class T>
struct TrackedAllocator {
  using value_type = T;
  TrackedAllocator() noexcept = default;
  template <class U>
  TrackedAllocator(const TrackedAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)

  T* allocate(size_t n) {
    if (n > std::numeric_limits<size_t>::max() / sizeof(T)) throw std::bad_alloc();
    return static_cast<T*>(heap_alloc(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) noexcept { heap_free(p, n * sizeof(T)); }

  template <class U>
  friend bool operator==(const TrackedAllocator&, const TrackedAllocator<U>&) noexcept {
    return true;
  }
};

}  // namespace detail
}  // namespace fusevm
