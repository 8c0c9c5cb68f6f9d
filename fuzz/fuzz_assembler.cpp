// Fuzzes the assembler; accepted text must disassemble and reassemble to the same chunk.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fusevm;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto chunk = assemble(text, "fuzz.fvm", fuzz::limits());
  if (!chunk.ok()) return 0;
  fuzz::check_round_trips(*chunk);
  return 0;
}
