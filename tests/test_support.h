// Helpers shared by the test files: locating test data and loading conformance vectors.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "fusevm/chunk.h"

namespace fusevm::test {

/// tests/data/conformance/upstream-v0.13.6/vectors
std::filesystem::path vectors_dir();
/// bench/chunks (the original's benchmark chunks)
std::filesystem::path bench_chunks_dir();
/// Every vector file, sorted by name.
std::vector<std::filesystem::path> vector_files();
/// The whole file as a string (fails the current test if unreadable).
std::string read_text(const std::filesystem::path& path);
/// The chunk of a conformance vector (fails the current test if it does not load).
Chunk load_vector_chunk(const std::filesystem::path& path);

}  // namespace fusevm::test
