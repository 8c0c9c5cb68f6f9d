// Every conformance vector and bench chunk loads and round-trips through JSON and binary
// (the text format's round trip is in assembly_test.cpp).
#include <gtest/gtest.h>

#include "fusevm/formats.h"
#include "test_support.h"

namespace fusevm {
namespace {

void expect_round_trips(const Chunk& chunk, const std::string& name) {
  auto json = chunk_to_json(chunk);
  ASSERT_TRUE(json.ok()) << name << ": " << json.message();
  auto from_json = chunk_from_json(*json);
  ASSERT_TRUE(from_json.ok()) << name << ": " << from_json.message();
  EXPECT_TRUE(*from_json == chunk) << name << " changed through JSON";
  EXPECT_EQ(from_json->content_hash, chunk.content_hash) << name;

  auto from_binary = chunk_from_binary(chunk_to_binary(chunk));
  ASSERT_TRUE(from_binary.ok()) << name << ": " << from_binary.message();
  EXPECT_TRUE(*from_binary == chunk) << name << " changed through binary";
  EXPECT_EQ(from_binary->content_hash, chunk.content_hash) << name;
}

TEST(ConformanceFormats, AllVectorsLoadAndRoundTrip) {
  auto files = test::vector_files();
  ASSERT_EQ(files.size(), 773u) << "the conformance set has 773 vectors";
  for (const auto& file : files) {
    Chunk chunk = test::load_vector_chunk(file);
    expect_round_trips(chunk, file.filename().string());
  }
}

TEST(ConformanceFormats, BenchChunksLoadAndRoundTrip) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::bench_chunks_dir())) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "manifest.json") continue;
    Chunk chunk = test::load_vector_chunk(entry.path());
    EXPECT_FALSE(chunk.ops.empty()) << entry.path();
    expect_round_trips(chunk, entry.path().filename().string());
    ++count;
  }
  EXPECT_EQ(count, 15);
}

}  // namespace
}  // namespace fusevm
