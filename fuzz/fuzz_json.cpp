// Fuzzes the JSON loader; accepted chunks must round-trip through JSON, binary and text.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fusevm;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto chunk = chunk_from_json_document(text, fuzz::limits());
  if (!chunk.ok()) return 0;
  auto json = chunk_to_json(*chunk);
  fuzz::check(json.ok(), "a chunk read from JSON can be written as JSON");
  auto again = chunk_from_json(*json, fuzz::limits());
  fuzz::check(again.ok() && *again == *chunk, "JSON round trip");
  fuzz::check_round_trips(*chunk);
  return 0;
}
