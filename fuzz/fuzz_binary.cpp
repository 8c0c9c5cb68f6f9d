// Fuzzes the binary loader, both on raw files and on payloads behind a valid header.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fusevm;
  auto raw = chunk_from_binary(std::span(data, size), fuzz::limits());
  if (raw.ok()) fuzz::check_round_trips(*raw);
  std::vector<uint8_t> wrapped = fuzz::with_valid_header(data, size);
  auto chunk = chunk_from_binary(wrapped, fuzz::limits());
  if (!chunk.ok()) return 0;
  fuzz::check(chunk_to_binary(*chunk) == wrapped, "binary encoding is canonical");
  fuzz::check_round_trips(*chunk);
  return 0;
}
