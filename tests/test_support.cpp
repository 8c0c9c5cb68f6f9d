// Test data helpers (see test_support.h).
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "fusevm/formats.h"

namespace fusevm::test {

std::filesystem::path vectors_dir() {
  return std::filesystem::path(FUSEVM_TEST_DATA_DIR) / "conformance" / "upstream-v0.13.6" / "vectors";
}

std::filesystem::path bench_chunks_dir() { return FUSEVM_BENCH_CHUNKS_DIR; }

std::vector<std::filesystem::path> vector_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(vectors_dir()))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Chunk load_vector_chunk(const std::filesystem::path& path) {
  auto chunk = chunk_from_json_document(read_text(path));
  EXPECT_TRUE(chunk.ok()) << path << ": " << chunk.message();
  return chunk.ok() ? std::move(chunk).value() : Chunk{};
}

}  // namespace fusevm::test
