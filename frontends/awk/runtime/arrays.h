// awk's associative arrays, addressed by handle.
//
// Compiled code holds an array as an Int handle (an index into ArrayTable), never as the array
// itself: awk passes arrays to functions by reference, and a handle is a reference that the VM's
// copy-on-write values cannot give. Each array is a fusevm Hash (insertion-ordered, seeded
// hashing), so `for (k in a)` visits keys in the order they were first stored — an order POSIX
// leaves unspecified and that we make deterministic on purpose.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fusevm/containers.h"
#include "fusevm/value.h"

namespace fusevm::awkfront {

class ArrayTable {
 public:
  /// A new empty array (reusing a released handle when there is one).
  uint32_t create();
  /// Empties the array and makes its handle reusable (a function's local array on return).
  void release(int64_t handle);
  /// The array behind `handle`, or nullptr if the handle is not a live array.
  Hash* get(int64_t handle) noexcept;

  /// Starts `for (k in a)`: a snapshot of the keys (awk allows deleting and adding elements
  /// inside the loop; the loop still visits exactly the keys present when it started).
  uint32_t start_iteration(int64_t array_handle);
  /// The next key of iteration `it`, or false at the end.
  bool next_key(int64_t it, Value& key);
  /// Frees iteration `it` (at the loop's end, on break, return, next and exit).
  void end_iteration(int64_t it);

 private:
  struct Iteration {
    std::vector<Value> keys;
    size_t next = 0;
    bool live = false;
  };
  std::vector<Value> arrays_;  // each a Hash value, or Undef when released
  std::vector<uint32_t> free_arrays_;
  std::vector<Iteration> iterations_;
  std::vector<uint32_t> free_iterations_;
};

}  // namespace fusevm::awkfront
