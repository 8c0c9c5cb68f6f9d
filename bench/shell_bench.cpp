// PosixHost process costs: one Exec of /bin/true (posix_spawn and wait) against the same through
// `/bin/sh -c true` (what a host that delegates to the system shell pays), and a 3-stage
// pipeline. Each iteration runs a one-command chunk on a VM that keeps its host.
#include <benchmark/benchmark.h>

#include <memory>

#include "fusevm/builder.h"
#include "fusevm/posix_host.h"
#include "fusevm/vm.h"

namespace {

using namespace fusevm;

Chunk exec_chunk(const std::vector<std::string>& argv) {
  ChunkBuilder b;
  b.set_fusion(false);
  for (const std::string& a : argv) b.emit(ins::LoadConst(b.add_constant(Value::string(a))), 1);
  b.emit(ins::Exec(static_cast<uint8_t>(argv.size())), 1);
  return std::move(b).build();
}

void run_repeatedly(benchmark::State& state, const Chunk& chunk) {
  VM vm(chunk);
  vm.set_jit(false);
  vm.set_shell_host(std::make_unique<PosixHost>());
  for (auto _ : state) {
    vm.reset();
    VMResult r = vm.run();
    if (!r.is_ok() || r.value().to_int() != 0) {
      state.SkipWithError("the command failed");
      return;
    }
  }
}

void BM_PosixExecTrue(benchmark::State& state) { run_repeatedly(state, exec_chunk({"/bin/true"})); }
void BM_PosixExecShTrue(benchmark::State& state) { run_repeatedly(state, exec_chunk({"/bin/sh", "-c", "true"})); }

void BM_PosixPipeline3True(benchmark::State& state) {
  ChunkBuilder b;
  b.set_fusion(false);
  b.emit(ins::PipelineBegin(3), 1);
  for (int i = 0; i < 3; ++i) {
    if (i > 0) b.emit(ins::PipelineStage(), 1);
    b.emit(ins::LoadConst(b.add_constant(Value::string("/bin/true"))), 1);
    b.emit(ins::Exec(1), 1);
    b.emit(ins::Pop(), 1);
  }
  b.emit(ins::PipelineEnd(), 1);
  run_repeatedly(state, std::move(b).build());
}

BENCHMARK(BM_PosixExecTrue)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PosixExecShTrue)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PosixPipeline3True)->Unit(benchmark::kMicrosecond);

}  // namespace
