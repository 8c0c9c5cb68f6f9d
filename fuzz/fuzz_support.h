// Helpers shared by the fuzz targets.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "fusevm/formats.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

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
  std::vector<uint8_t> out(kBinaryMagic, kBinaryMagic + 8);
  uint32_t version = kBinaryFormatVersion, flags = 0;
  uint64_t table = op_table_hash(), payload = size, sum = XXH3_64bits(data, size);
  auto put = [&out](const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    out.insert(out.end(), b, b + n);
  };
  put(&version, 4);
  put(&flags, 4);
  put(&table, 8);
  put(&payload, 8);
  put(&sum, 8);
  out.insert(out.end(), data, data + size);
  return out;
}

/// Every accepted chunk must survive binary and text round trips unchanged.
inline void check_round_trips(const Chunk& chunk) {
  auto binary = chunk_from_binary(chunk_to_binary(chunk), limits());
  check(binary.ok() && *binary == chunk, "binary round trip");
  auto text = assemble(disassemble(chunk), "fuzz.fvm", limits());
  check(text.ok() && *text == chunk, "text round trip");
}

}  // namespace fusevm::fuzz
