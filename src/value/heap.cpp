// Per-thread heap accounting for value allocations (see heap.h).
#include "fusevm/heap.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace fusevm {
namespace {
thread_local HeapBudget* tls_budget = nullptr;

// A block this large always has a mapping of its own (glibc's mmap threshold is at most 32 MiB
// on 64-bit). Asking for huge pages for it (where the kernel leaves that to the program:
// transparent_hugepage=madvise) makes filling it fault once per 2 MiB instead of once per 4 KiB
// — building a large array was mostly page faults. The advice covers the whole mapping, from the
// page the block starts in: advising part of it would split the mapping, and realloc could then
// no longer grow it with mremap (it would copy instead).
constexpr size_t kHugePageAdviceBytes = size_t{32} << 20;

void advise_huge_pages(void* block, size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kPage = 4096;
  if (bytes < kHugePageAdviceBytes) return;
  const auto start = reinterpret_cast<uintptr_t>(block) & ~(kPage - 1);
  const auto end = (reinterpret_cast<uintptr_t>(block) + bytes + kPage - 1) & ~(kPage - 1);
  (void)madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);  // advice only
#else
  (void)block;
  (void)bytes;
#endif
}
}  // namespace

ScopedHeapBudget::ScopedHeapBudget(HeapBudget* budget) noexcept : previous_(tls_budget) {
  tls_budget = budget;
}
ScopedHeapBudget::~ScopedHeapBudget() { tls_budget = previous_; }

HeapBudget* current_heap_budget() noexcept { return tls_budget; }

namespace detail {

// No single value needs more than this (1 TiB): larger requests come from wrapped sizes or hostile
// programs, and are refused here rather than passed to malloc, which sanitizers and some libcs
// treat as a fatal error instead of returning null.
constexpr size_t kLargestSingleAllocation = size_t{1} << 40;

void* heap_alloc(size_t bytes) {
  if (bytes > kLargestSingleAllocation) throw std::bad_alloc();
  HeapBudget* budget = tls_budget;
  if (budget != nullptr) {
    ++budget->allocations;
    if (budget->fail_at != 0 && budget->allocations == budget->fail_at) throw MemoryLimitExceeded();
    if (bytes > budget->limit || budget->used > budget->limit - bytes) throw MemoryLimitExceeded();
    budget->used += bytes;
    budget->peak = std::max(budget->peak, budget->used);
  }
  void* p = std::malloc(bytes == 0 ? 1 : bytes);
  if (p == nullptr) {
    if (budget != nullptr) budget->used -= bytes;
    throw std::bad_alloc();
  }
  return p;
}

void* heap_realloc(void* p, size_t old_bytes, size_t new_bytes) {
  if (new_bytes > kLargestSingleAllocation) throw std::bad_alloc();
  HeapBudget* budget = tls_budget;
  size_t charged = 0;
  if (budget != nullptr) {
    ++budget->allocations;
    if (budget->fail_at != 0 && budget->allocations == budget->fail_at) throw MemoryLimitExceeded();
    if (new_bytes > old_bytes) {
      charged = new_bytes - old_bytes;
      if (charged > budget->limit || budget->used > budget->limit - charged) throw MemoryLimitExceeded();
      budget->used += charged;
      budget->peak = std::max(budget->peak, budget->used);
    }
  }
  void* q = std::realloc(p, new_bytes == 0 ? 1 : new_bytes);
  if (q == nullptr) {
    if (budget != nullptr) budget->used -= charged;
    throw std::bad_alloc();
  }
  if (budget != nullptr && old_bytes > new_bytes) budget->used -= std::min(old_bytes - new_bytes, budget->used);
  if (new_bytes > old_bytes) advise_huge_pages(q, new_bytes);
  return q;
}

void heap_free(void* p, size_t bytes) noexcept {
  if (p == nullptr) return;
  if (HeapBudget* budget = tls_budget) budget->used -= std::min(bytes, budget->used);
  std::free(p);
}

}  // namespace detail
}  // namespace fusevm
