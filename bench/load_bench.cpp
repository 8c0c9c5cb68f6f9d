// Loading speed of the chunk formats: the binary format must load at least ten times faster than
// the original's JSON. Loads every conformance vector's chunk (773 small chunks) and a large
// synthetic chunk (100k ops, 10k constants), from memory, per iteration.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fusevm/builder.h"
#include "fusevm/formats.h"

namespace {

using namespace fusevm;

struct Corpus {
  std::vector<std::string> json;
  std::vector<std::vector<uint8_t>> binary;
  std::vector<std::string> text;
};

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void add(Corpus& c, const Chunk& chunk) {
  c.json.push_back(*chunk_to_json(chunk));
  c.binary.push_back(chunk_to_binary(chunk));
  c.text.push_back(disassemble(chunk));
}

const Corpus& vectors() {
  static const Corpus corpus = [] {
    Corpus c;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(FUSEVM_BENCH_DATA_DIR)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) add(c, *chunk_from_json_document(read(f)));
    return c;
  }();
  return corpus;
}

const Corpus& large() {
  static const Corpus corpus = [] {
    ChunkBuilder b;
    for (int i = 0; i < 10000; ++i) b.add_constant(i % 2 ? Value::string("constant " + std::to_string(i))
                                                          : Value::floating(i * 0.25));
    for (int i = 0; i < 100000; ++i) {
      switch (i % 4) {
        case 0: b.emit(ins::LoadConst(i % 10000), static_cast<uint32_t>(i)); break;
        case 1: b.emit(ins::SlotLtIntJumpIfFalse(i % 8, i, i + 3), static_cast<uint32_t>(i)); break;
        case 2: b.emit(ins::LoadInt(i * 7919), static_cast<uint32_t>(i)); break;
        default: b.emit(ins::Add(), static_cast<uint32_t>(i)); break;
      }
    }
    Corpus c;
    add(c, std::move(b).build());
    return c;
  }();
  return corpus;
}

template <class F>
void run(benchmark::State& state, const std::vector<F>& inputs, auto&& load) {
  size_t bytes = 0;
  for (const auto& in : inputs) bytes += in.size();
  for (auto _ : state) {
    for (const auto& in : inputs) {
      auto chunk = load(in);
      if (!chunk.ok()) state.SkipWithError(chunk.message().c_str());
      benchmark::DoNotOptimize(chunk);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes * state.iterations()));
  state.counters["chunks"] = static_cast<double>(inputs.size());
}

void BM_LoadJson_Vectors(benchmark::State& s) {
  run(s, vectors().json, [](const std::string& t) { return chunk_from_json(t); });
}
void BM_LoadBinary_Vectors(benchmark::State& s) {
  run(s, vectors().binary, [](const std::vector<uint8_t>& b) { return chunk_from_binary(b); });
}
void BM_LoadText_Vectors(benchmark::State& s) {
  run(s, vectors().text, [](const std::string& t) { return assemble(t, "bench.fvm"); });
}
void BM_LoadJson_Large(benchmark::State& s) {
  run(s, large().json, [](const std::string& t) { return chunk_from_json(t); });
}
void BM_LoadBinary_Large(benchmark::State& s) {
  run(s, large().binary, [](const std::vector<uint8_t>& b) { return chunk_from_binary(b); });
}
void BM_LoadText_Large(benchmark::State& s) {
  run(s, large().text, [](const std::string& t) { return assemble(t, "bench.fvm"); });
}

BENCHMARK(BM_LoadJson_Vectors)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadBinary_Vectors)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadText_Vectors)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadJson_Large)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadBinary_Large)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadText_Large)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
