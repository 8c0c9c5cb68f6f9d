// Internals of the binary format shared with the tests and fuzz targets.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace fusevm::detail {

/// A complete binary chunk file around `payload`: the header with this build's format version
/// and op-table hash, the payload size and its checksum. chunk_to_binary uses it; tests and fuzz
/// targets use it to feed arbitrary payloads past the checksum to the decoder.
std::vector<uint8_t> binary_with_header(std::span<const uint8_t> payload);

}  // namespace fusevm::detail
