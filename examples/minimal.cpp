// The smallest complete embedding: build a chunk, give it a builtin, run it under a limit and
// read the result. embed.cpp adds pools and threads; docs/embedding.md is the guide.
#include <cstdio>

#include "fusevm/builder.h"
#include "fusevm/vm.h"

using namespace fusevm;

int main() {
  ChunkBuilder b;  // 6 * answer(), where answer() is the host's builtin 1
  b.emit(ins::LoadInt(6), 1);
  b.emit(ins::CallBuiltin(1, 0), 1);
  b.emit(ins::Mul(), 1);

  VM vm(std::move(b).build(), VMLimits{.fuel = 1000});
  vm.register_builtin(1, [](VM&, uint8_t) { return Value::integer(7); });
  VMResult r = vm.run();
  if (!r.is_ok()) {
    std::fprintf(stderr, "error: %s\n", r.is_error() ? r.error().c_str() : "halted");
    return 1;
  }
  std::printf("6 * answer() = %s\n", r.value().to_str().c_str());
  return 0;
}
