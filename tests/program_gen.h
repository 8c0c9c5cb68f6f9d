// A random program generator for differential tests: valid, verified, terminating chunks that
// stress what the JIT compiles and where it must hand over — mixed kinds in slots (Int, Float,
// Bool, Undef and the odd string), overflow edges, NaN, -0.0, infinities, zero divisors, nested
// loops, branches whose arms leave values on the stack, calls with arguments, and now and then
// an op the JIT does not compile at all (output, strings).
//
// Every loop counts a dedicated slot that nothing else writes, so every program ends.
#pragma once

#include <cstdint>
#include <string>

#include "fusevm/chunk.h"

namespace fusevm::test {

struct GenOptions {
  bool loops = true;        ///< false: straight-line code only (the linear tier's case)
  bool calls = true;        ///< a sub the main code calls
  bool fuse = false;        ///< let the builder fuse op sequences into superinstructions
  bool exotic = true;       ///< strings and output ops (which the JIT leaves to the VM)
  unsigned max_depth = 3;   ///< expression nesting
};

/// The program for `seed` (the same seed always gives the same chunk).
Chunk generate_program(uint64_t seed, const GenOptions& options = {});

/// How many slots generated programs use (read them back to compare final states).
inline constexpr uint16_t kGenSlots = 8;

}  // namespace fusevm::test
