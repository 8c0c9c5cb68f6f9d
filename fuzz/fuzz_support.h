// Helpers shared by the fuzz targets.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "bytecode/binary_internal.h"
#include "fusevm/formats.h"

namespace fusevm::fuzz {

/// Small limits so that the fuzzer spends its time on structure, not on size.
inline LoadLimits limits() {
  LoadLimits l;
  l.max_input_bytes = 1 << 20;
  l.max_nesting = 64;
  return l;
}

/// Aborts (a finding) when a property fails.
inline void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "property failed: %s\n", what);
    std::abort();
  }
}

/// Wraps raw bytes as the payload of a binary chunk with a valid header and checksum, so the
/// fuzzer exercises the decoder instead of bouncing off the checksum.
inline std::vector<uint8_t> with_valid_header(const uint8_t* data, size_t size) {
  return detail::binary_with_header(std::span(data, size));
}

/// Every accepted chunk must survive binary and text round trips unchanged.
inline void check_round_trips(const Chunk& chunk) {
  auto binary = chunk_from_binary(chunk_to_binary(chunk), limits());
  check(binary.ok() && *binary == chunk, "binary round trip");
  auto text = assemble(disassemble(chunk), "fuzz.fvm", limits());
  check(text.ok() && *text == chunk, "text round trip");
}

}  // namespace fusevm::fuzz
