// Where an Array keeps its elements, found by looking: native code reads an Array's element
// pointer, end pointer and capacity end directly (the trace tier's array ops and its inline
// push), and the compiler decides where an Array's members land. array_layout() builds an array
// once and finds the three words that hold its first element's address, its end and the end of
// its capacity; if it cannot find exactly one of each, ok() is false and the trace tier does not
// compile array ops.
#pragma once

#include <cstdint>

namespace fusevm::jit {

struct ArrayLayout {
  int32_t begin = -1;  ///< byte offset, from the heap object, of the first element's address
  int32_t end = -1;    ///< of the address just past the last element
  int32_t cap = -1;    ///< of the address just past the room allocated for elements
  bool ok() const noexcept { return begin >= 0 && end >= 0 && cap >= 0; }
};

const ArrayLayout& array_layout();

}  // namespace fusevm::jit
