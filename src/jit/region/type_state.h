// The abstract state at one program point: a type set for every value on the frame's stack and
// for every slot the region names. The analysis computes one per block entry; the code
// generator starts each block from it.
#pragma once

#include <cstdint>
#include <vector>

#include "jit/types.h"

namespace fusevm::jit {

struct TypeState {
  std::vector<TypeSet> stack;  ///< bottom first; index 0 is the frame's first value
  std::vector<TypeSet> slots;  ///< by dense slot index (Region::slots)

  friend bool operator==(const TypeState&, const TypeState&) = default;
};

/// Joins `from` into `into` (set union, entry by entry). Returns false, changing nothing, when
/// the stack depths differ (the merge cannot be compiled). Sets `changed` if `into` grew.
inline bool join_into(TypeState& into, const TypeState& from, bool& changed) {
  if (into.stack.size() != from.stack.size() || into.slots.size() != from.slots.size()) return false;
  for (size_t i = 0; i < from.stack.size(); ++i) {
    const TypeSet u = into.stack[i] | from.stack[i];
    changed |= u != into.stack[i];
    into.stack[i] = u;
  }
  for (size_t i = 0; i < from.slots.size(); ++i) {
    const TypeSet u = into.slots[i] | from.slots[i];
    changed |= u != into.slots[i];
    into.slots[i] = u;
  }
  return true;
}

/// True if every set of `a` is contained in the matching set of `b` (same depth).
inline bool contained_in(const TypeState& a, const TypeState& b) {
  if (a.stack.size() != b.stack.size() || a.slots.size() != b.slots.size()) return false;
  for (size_t i = 0; i < a.stack.size(); ++i)
    if ((a.stack[i] & ~b.stack[i]) != 0) return false;
  for (size_t i = 0; i < a.slots.size(); ++i)
    if ((a.slots[i] & ~b.slots[i]) != 0) return false;
  return true;
}

}  // namespace fusevm::jit
