// Running untrusted bytecode under limits: an instruction budget (fuel), stack size, call depth
// and a memory cap, plus interrupt() from a watchdog thread. Every limit ends the run with its
// own error code and message, and the VM is reusable after reset().
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "fusevm/formats.h"
#include "fusevm/vm.h"

using namespace fusevm;

namespace {

Chunk program(const char* text) {
  Result<Chunk> chunk = assemble(text, "limits.fvm");
  if (!chunk.ok()) {
    std::fprintf(stderr, "%s\n", chunk.message().c_str());
    std::exit(1);
  }
  return std::move(chunk).value();
}

void report(const char* what, const VMResult& r) {
  std::printf("%-10s %s: %s\n", what, std::string(error_code_name(r.error_code())).c_str(),
              r.is_error() ? r.error().c_str() : "no error");
}

}  // namespace

int main() {
  const Chunk forever = program("top: Jump top\n");
  const Chunk recurse = program(".sub f f\nf: Call f 0\n");
  const Chunk grow = program(
      "LoadConst Str \"\"\nSetSlot 0\n"
      "top: GetSlot 0\nLoadConst Str \"0123456789abcdef\"\nConcat\nSetSlot 0\nJump top\n");
  const Chunk push = program("top: LoadInt 1\nJump top\n");

  VM vm(forever, VMLimits{.fuel = 1'000'000});
  report("fuel", vm.run());

  vm.set_limits(VMLimits{.max_call_depth = 100});
  vm.reset(recurse);
  report("depth", vm.run());

  vm.set_limits(VMLimits{.max_stack = 10'000});
  vm.reset(push);
  report("stack", vm.run());

  vm.set_limits(VMLimits{.memory_limit = 1 << 20});
  vm.reset(grow);
  VMResult r = vm.run();
  report("memory", r);
  std::printf("           peak memory %zu bytes (cap 1048576)\n", vm.stats().peak_memory);

  // No limit at all, but a watchdog: interrupt() is the one method another thread may call.
  vm.set_limits(VMLimits{});
  vm.reset(forever);
  std::thread watchdog([&vm] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    vm.interrupt();
  });
  report("watchdog", vm.run());
  watchdog.join();

  // After any of these the VM runs again once reset.
  vm.reset(program("LoadInt 40\nLoadInt 2\nAdd\n"));
  std::printf("after reset: %s\n", vm.run().value().to_str().c_str());
  return 0;
}
