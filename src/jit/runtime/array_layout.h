// Where an Array keeps its elements, found by looking: native code reads an Array's element
// pointer and end pointer directly (the trace tier's array ops), and the standard library does
// not promise where std::vector keeps them. array_layout() builds an array once and finds the
// two words that hold its first element's address and its end; if it cannot find exactly one
// of each, ok() is false and the trace tier does not compile array ops.
#pragma once

#include <cstdint>

namespace fusevm::jit {

struct ArrayLayout {
  int32_t begin = -1;  ///< byte offset, from the heap object, of the first element's address
  int32_t end = -1;    ///< of the address just past the last element
  bool ok() const noexcept { return begin >= 0 && end >= 0; }
};

const ArrayLayout& array_layout();

}  // namespace fusevm::jit
