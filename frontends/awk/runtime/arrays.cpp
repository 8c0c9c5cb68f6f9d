// ArrayTable: handles to awk arrays and snapshots for for-in loops.
#include "arrays.h"

namespace fusevm::awkfront {

uint32_t ArrayTable::create() {
  if (!free_arrays_.empty()) {
    const uint32_t h = free_arrays_.back();
    free_arrays_.pop_back();
    arrays_[h] = Value::hash();
    return h;
  }
  arrays_.push_back(Value::hash());
  return static_cast<uint32_t>(arrays_.size() - 1);
}

void ArrayTable::release(int64_t handle) {
  if (get(handle) == nullptr) return;
  arrays_[static_cast<size_t>(handle)] = Value();
  free_arrays_.push_back(static_cast<uint32_t>(handle));
}

Hash* ArrayTable::get(int64_t handle) noexcept {
  if (handle < 0 || static_cast<uint64_t>(handle) >= arrays_.size()) return nullptr;
  Value& v = arrays_[static_cast<size_t>(handle)];
  // The hash value is never shared, so mutable_hash() does not copy.
  return v.is_hash() ? &v.mutable_hash() : nullptr;
}

uint32_t ArrayTable::start_iteration(int64_t array_handle) {
  uint32_t it;
  if (!free_iterations_.empty()) {
    it = free_iterations_.back();
    free_iterations_.pop_back();
  } else {
    iterations_.emplace_back();
    it = static_cast<uint32_t>(iterations_.size() - 1);
  }
  Iteration& iteration = iterations_[it];
  iteration.keys.clear();
  iteration.next = 0;
  iteration.live = true;
  if (const Hash* h = get(array_handle)) {
    iteration.keys.reserve(h->size());
    for (const Hash::Entry& e : *h) iteration.keys.push_back(e.key);
  }
  return it;
}

bool ArrayTable::next_key(int64_t it, Value& key) {
  if (it < 0 || static_cast<uint64_t>(it) >= iterations_.size()) return false;
  Iteration& iteration = iterations_[static_cast<size_t>(it)];
  if (!iteration.live || iteration.next >= iteration.keys.size()) return false;
  key = std::move(iteration.keys[iteration.next++]);
  return true;
}

void ArrayTable::end_iteration(int64_t it) {
  if (it < 0 || static_cast<uint64_t>(it) >= iterations_.size()) return;
  Iteration& iteration = iterations_[static_cast<size_t>(it)];
  if (!iteration.live) return;
  iteration.live = false;
  iteration.keys.clear();
  iteration.keys.shrink_to_fit();
  free_iterations_.push_back(static_cast<uint32_t>(it));
}

}  // namespace fusevm::awkfront
