// Per-thread heap accounting for value allocations (see heap.h).
#include "fusevm/heap.h"

#include <algorithm>
#include <cstdlib>

namespace fusevm {
namespace {
thread_local HeapBudget* tls_budget = nullptr;
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
  return q;
}

void heap_free(void* p, size_t bytes) noexcept {
  if (p == nullptr) return;
  if (HeapBudget* budget = tls_budget) budget->used -= std::min(bytes, budget->used);
  std::free(p);
}

}  // namespace detail
}  // namespace fusevm
