// Fuzzes the verifier on arbitrary chunks (binary payloads behind a valid header), strict and
// lenient; a chunk it accepts in strict mode must also be accepted leniently.
#include "fusevm/verifier.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fusevm;
  auto chunk = chunk_from_binary(fuzz::with_valid_header(data, size), fuzz::limits());
  if (!chunk.ok()) return 0;
  VerifyReport lenient = verify_chunk(*chunk);
  VerifyOptions strict_options;
  strict_options.strict = true;
  VerifyReport strict = verify_chunk(*chunk, strict_options);
  fuzz::check(!strict.ok() || lenient.ok(), "strict acceptance implies lenient acceptance");
  fuzz::check(strict.diagnostics.size() == lenient.diagnostics.size(), "same findings in both modes");
  return 0;
}
