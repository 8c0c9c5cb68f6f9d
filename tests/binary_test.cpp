// The binary chunk format: exact round trips and refusal of corrupt, truncated or forged input.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "bytecode/binary_internal.h"
#include "fusevm/builder.h"
#include "fusevm/formats.h"

namespace fusevm {
namespace {

Chunk edge_chunk() {
  ChunkBuilder b;
  b.set_source("edge\xff");
  b.add_name("x");
  b.add_name("x");  // interned: one entry
  b.add_constant(Value::floating(std::bit_cast<double>(0x7ff8000000000123ull)));
  b.add_constant(Value::floating(-0.0));
  b.add_constant(Value::string(std::string("nul\0byte\xff", 9)));
  Value h = Value::hash();
  h.mutable_hash().set("k2", Value::array({Value::status(-1), Value::native_fn(9)}));
  h.mutable_hash().set("k1", Value::ref(Value::ref(Value())));
  b.add_constant(h);
  b.emit(ins::LoadInt(INT64_MIN), 4000000000u);
  b.emit(ins::ExtendedWide(7, UINT64_MAX), 1);
  b.emit(ins::Jump(999), 2);
  b.add_sub_entry(65535, size_t{1} << 40);
  b.add_block_range(5, 2);
  ChunkBuilder inner;
  inner.emit(ins::Return(), 1);
  ChunkBuilder innermost;
  innermost.add_constant(Value::string("deep"));
  inner.add_sub_chunk(std::move(innermost).build());
  b.add_sub_chunk(std::move(inner).build());
  Chunk c = std::move(b).build();
  c.lines.push_back(77);  // a line table longer than the ops
  c.refresh_content_hash();
  return c;
}

TEST(Binary, RoundTripsExactly) {
  Chunk c = edge_chunk();
  std::vector<uint8_t> bytes = chunk_to_binary(c);
  auto back = chunk_from_binary(bytes);
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_TRUE(*back == c);
  EXPECT_EQ(back->content_hash, c.content_hash);
  EXPECT_EQ(chunk_to_binary(*back), bytes) << "encoding is deterministic";
  EXPECT_EQ(std::memcmp(bytes.data(), kBinaryMagic, 8), 0);
}

TEST(Binary, EmptyChunk) {
  Chunk c;
  auto back = chunk_from_binary(chunk_to_binary(c));
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_TRUE(*back == c);
}

TEST(Binary, RefusesBadHeaders) {
  std::vector<uint8_t> bytes = chunk_to_binary(edge_chunk());
  auto expect_code = [](std::vector<uint8_t> b, ErrorCode code) {
    auto r = chunk_from_binary(b);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), code) << r.message();
  };
  auto bad = bytes;
  bad[1] = 'X';
  expect_code(bad, ErrorCode::BadMagic);
  bad = bytes;
  bad[8] = 2;
  expect_code(bad, ErrorCode::VersionMismatch);
  bad = bytes;
  bad[16] ^= 1;
  expect_code(bad, ErrorCode::OpTableMismatch);
  bad = bytes;
  bad.back() ^= 0x40;
  expect_code(bad, ErrorCode::ChecksumMismatch);
  bad = bytes;
  bad.push_back(0);
  expect_code(bad, ErrorCode::FormatError);
  expect_code(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 20), ErrorCode::Truncated);
  expect_code({}, ErrorCode::BadMagic);
}

TEST(Binary, EveryTruncationAndEveryByteFlipIsRefusedCleanly) {
  std::vector<uint8_t> bytes = chunk_to_binary(edge_chunk());
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto r = chunk_from_binary(std::span(bytes.data(), n));
    EXPECT_FALSE(r.ok()) << "truncated to " << n;
  }
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto flipped = bytes;
    flipped[i] ^= 0xA5;
    auto r = chunk_from_binary(flipped);
    EXPECT_FALSE(r.ok()) << "flipped byte " << i;
  }
}

// A header with a correct checksum around an arbitrary payload, as a forger would write it.
std::vector<uint8_t> with_header(const std::vector<uint8_t>& payload) {
  return detail::binary_with_header(payload);
}

TEST(Binary, ForgedPayloadsWithValidChecksumsAreRefused) {
  // A count of 2^60 ops: refused before any allocation.
  std::vector<uint8_t> huge = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10};
  auto r = chunk_from_binary(with_header(huge));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::Truncated) << r.message();

  // An unknown opcode.
  std::vector<uint8_t> bad_op(1 + 16, 0);
  bad_op[0] = 1;
  bad_op[1] = 0xFF;
  r = chunk_from_binary(with_header(bad_op));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("unknown opcode"), std::string::npos) << r.message();

  // A non-zero byte an op does not use (Add has no operands).
  std::vector<uint8_t> dirty(1 + 16, 0);
  dirty[0] = 1;
  dirty[1] = static_cast<uint8_t>(Op::Add);
  dirty[5] = 1;
  r = chunk_from_binary(with_header(dirty));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("unused byte"), std::string::npos) << r.message();

  // An overlong varint.
  std::vector<uint8_t> overlong(12, 0xFF);
  EXPECT_FALSE(chunk_from_binary(with_header(overlong)).ok());

  // Values nested past the limit: 300 Refs.
  std::vector<uint8_t> nested = {0, 1};
  for (int i = 0; i < 300; ++i) nested.push_back(static_cast<uint8_t>(ValueType::Ref));
  nested.push_back(0);
  for (int i = 0; i < 6; ++i) nested.push_back(0);
  r = chunk_from_binary(with_header(nested));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("deeper"), std::string::npos) << r.message();
}

TEST(Binary, SubChunkCountIsBounded) {
  // 70000 empty sub-chunks: 8 bytes each in the file, a few hundred in memory.
  std::vector<uint8_t> payload = {0, 0, 0, 0, 0, 0};  // ops .. block_ranges: all empty
  uint64_t n = 70000;
  while (n >= 0x80) payload.push_back(static_cast<uint8_t>(n | 0x80)), n >>= 7;
  payload.push_back(static_cast<uint8_t>(n));
  for (int i = 0; i < 70000; ++i) payload.insert(payload.end(), 8, 0);
  payload.push_back(0);  // source
  auto r = chunk_from_binary(with_header(payload));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::LimitExceeded) << r.message();
  LoadLimits roomy;
  roomy.max_sub_chunks = 100000;
  EXPECT_TRUE(chunk_from_binary(with_header(payload), roomy).ok());
}

TEST(Binary, RandomGarbageNeverCrashes) {
  std::mt19937_64 rng(12345);
  std::vector<uint8_t> base = chunk_to_binary(edge_chunk());
  std::vector<uint8_t> payload(base.begin() + 40, base.end());
  for (int round = 0; round < 3000; ++round) {
    auto p = payload;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) p[rng() % p.size()] = static_cast<uint8_t>(rng());
    if (rng() % 3 == 0) p.resize(rng() % p.size());
    auto r = chunk_from_binary(with_header(p));  // valid checksum: exercises the decoder
    (void)r;
  }
}

}  // namespace
}  // namespace fusevm
