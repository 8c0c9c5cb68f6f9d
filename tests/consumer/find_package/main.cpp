// Consumer of the installed C++ API (static library): builds and runs 40 + 2.
#include <cstdio>

#include "fusevm/builder.h"
#include "fusevm/version.h"
#include "fusevm/vm.h"

int main() {
  fusevm::ChunkBuilder b;
  b.emit(fusevm::ins::LoadInt(40), 1);
  b.emit(fusevm::ins::LoadInt(2), 1);
  b.emit(fusevm::ins::Add(), 1);
  fusevm::VM vm(std::move(b).build());
  fusevm::VMResult r = vm.run();
  std::printf(CONSUMER_NAME " C++ (fusevm %s): %s\n", std::string(fusevm::kVersion).c_str(),
              r.is_ok() ? r.value().to_str().c_str() : r.error().c_str());
  return r.is_ok() ? 0 : 1;
}
