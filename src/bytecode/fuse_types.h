// The slot-type analysis used by the fusion pass (fuse_types.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "fusevm/chunk.h"

namespace fusevm::detail {

/// What a slot is known to hold when an op runs.
enum class SlotType : uint8_t { Unreached, Undef, Int, Str, Other, Unknown };

/// For each op of the chunk, the type of each of its frame's first `slot_count` slots.
std::vector<std::vector<SlotType>> analyze_slot_types(const Chunk& chunk, size_t slot_count);

}  // namespace fusevm::detail
