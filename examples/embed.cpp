// Embedding fusevm: build a chunk in C++, give it a builtin, run it with limits, then run the
// same program on a pool of VMs from several threads. Built as `fusevm_embed_example` and run
// by the tests; the README shows the same calls.
#include <cstdio>
#include <thread>
#include <vector>

#include "fusevm/builder.h"
#include "fusevm/vm.h"
#include "fusevm/vm_pool.h"

using namespace fusevm;

// sum = 0; for i in 0..n: sum = sum + twice(i); print "sum=" . sum; sum
Chunk make_program(int32_t n) {
  ChunkBuilder b;  // fuses the loop's ops by default
  b.set_source("embed.cpp");
  const uint16_t label = b.add_constant(Value::string("sum="));
  b.emit(ins::LoadInt(0), 1), b.emit(ins::SetSlot(0), 1);
  b.emit(ins::LoadInt(0), 2), b.emit(ins::SetSlot(1), 2);
  const size_t top = b.current_pos();
  b.emit(ins::GetSlot(1), 3), b.emit(ins::LoadInt(n), 3), b.emit(ins::NumLt(), 3);
  const size_t exit = b.emit(ins::JumpIfFalse(0), 3);
  b.emit(ins::GetSlot(0), 4), b.emit(ins::GetSlot(1), 4), b.emit(ins::CallBuiltin(1, 1), 4);
  b.emit(ins::Add(), 4), b.emit(ins::SetSlot(0), 4);
  b.emit(ins::GetSlot(1), 5), b.emit(ins::LoadInt(1), 5), b.emit(ins::Add(), 5), b.emit(ins::SetSlot(1), 5);
  b.emit(ins::Jump(top), 5);
  b.patch_jump(exit, b.current_pos());
  b.emit(ins::LoadConst(label), 6), b.emit(ins::GetSlot(0), 6), b.emit(ins::Concat(), 6), b.emit(ins::PrintLn(1), 6);
  b.emit(ins::GetSlot(0), 7);
  return std::move(b).build();
}

void install_twice(VM& vm) {
  vm.register_builtin(1, [](VM& v, uint8_t argc) {
    if (argc != 1) v.fail("twice takes one argument");
    return Value::integer(v.pop().to_int() * 2);
  });
}

int main() {
  const Chunk program = make_program(1000);

  VMLimits limits;
  limits.fuel = 1'000'000;
  VM vm(program, limits);
  install_twice(vm);
  vm.set_output([](std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); });
  VMResult r = vm.run();
  if (!r.is_ok() || r.value().as_int() != 999000) {
    std::fprintf(stderr, "unexpected: %s\n", r.is_error() ? r.error().c_str() : r.value().to_str().c_str());
    return 1;
  }

  // The same program with too little fuel: a clear error, and the VM is reusable after reset().
  vm.set_limits(VMLimits{.fuel = 100});
  vm.reset();
  r = vm.run();
  std::printf("with fuel 100: %s\n", r.error().c_str());

  // Four threads share a pool of two VMs.
  VMPool pool(program, 2, {}, [](VM& v) {
    install_twice(v);
    v.set_output([](std::string_view) {});
  });
  std::vector<std::thread> threads;
  std::vector<int64_t> results(4);
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&pool, &results, t] { results[t] = pool.acquire().run().value().as_int(); });
  }
  for (auto& t : threads) t.join();
  for (int64_t v : results)
    if (v != 999000) return 1;
  std::printf("pool: 4 runs on %zu VMs, all 999000\n", pool.created());
  return 0;
}
