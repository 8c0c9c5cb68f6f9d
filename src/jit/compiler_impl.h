// JitCompiler's internals: configuration, the extension registry, the in-memory and on-disk
// code caches, the process-wide run counts and statistics, and the compile pipeline
// (region -> analysis -> code generation -> executable mapping).
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "fusevm/jit.h"
#include "jit/cache/disk_cache.h"
#include "jit/region/unit.h"
#include "jit/region/walk.h"
#include "jit/trace/build.h"
#include "jit/trace/compiled_trace.h"

namespace fusevm::jit {

/// The registered JitExtensions, and the native ops they claimed (kept so pointers stay valid).
class ExtensionRegistry : public ExtensionLookup {
 public:
  void add(std::shared_ptr<const JitExtension> ext);
  const NativeOpSpec* find(const Instr& ins) const override;
  /// A hash of the extensions' names and versions (part of every compile key).
  uint64_t salt() const noexcept { return salt_; }

 private:
  std::vector<std::shared_ptr<const JitExtension>> extensions_;
  mutable std::map<std::tuple<uint8_t, uint16_t, uint8_t>, std::unique_ptr<NativeOpSpec>> claimed_;
  uint64_t salt_ = 0;
};

class JitCompiler::Impl {
 public:
  Impl();

  /// Compiles (or finds) native code for one entry of `chunk`. `slot_kinds` are the kinds of the
  /// frame's slots by slot number (Run/Loop entries). Never a user error when it fails.
  Result<std::shared_ptr<const NativeCode>> compile(const Chunk& chunk, Tier tier, const EntryState& entry);

  /// Builds, optimises and compiles a recorded trace (or finds the one already compiled for the
  /// same chunk, loop header and slot kinds). `dump` keeps the IR and assembly listings.
  Result<std::shared_ptr<const trace::CompiledTrace>> compile_trace(const trace::TraceSource& source,
                                                                   uint64_t chunk_hash, bool dump);
  /// A trace compiled earlier for this chunk, loop header and slot kinds (`site`'s recording
  /// has no ops), in memory or — `from_disk` — in the code cache; nullptr if there is none.
  std::shared_ptr<const trace::CompiledTrace> find_trace(uint64_t chunk_hash, const trace::TraceSource& site,
                                                         bool from_disk);
  /// Maps a trace's code and pairs it with its IR.
  Result<std::shared_ptr<trace::CompiledTrace>> install_trace(trace::TraceIr ir, const trace::TraceSource& source,
                                                              uint64_t chunk_hash, const std::vector<uint8_t>& code,
                                                              uint32_t entry_offset);
  void remember_trace(uint64_t chunk_hash, const trace::TraceSource& source,
                      std::shared_ptr<const trace::CompiledTrace> trace);

  /// Counts a run of the chunk (process-wide) and returns how many there have been.
  uint32_t count_run(uint64_t chunk_hash);

  TraceJitConfig config() const;
  void set_config(const TraceJitConfig& c);
  void note_native(uint64_t entries, uint64_t exits);

  std::atomic<uint64_t> compiles_linear{0}, compiles_block{0}, compile_failures{0}, compile_ns{0},
      native_bytes{0}, memory_hits{0}, disk_hits{0}, disk_misses{0}, disk_writes{0}, disk_rejects{0},
      native_entries{0}, native_exits{0}, compile_ns_linear{0}, compile_ns_block{0};
  // The trace tier's counters (trace/compile.cpp and the VM glue add to them).
  std::atomic<uint64_t> compiles_trace{0}, compile_ns_trace{0}, trace_recordings{0}, trace_aborts{0},
      trace_blacklisted{0}, trace_entries{0}, trace_exits{0}, trace_side_exits{0},
      trace_side_traces{0};

  mutable std::mutex mu;
  TraceJitConfig config_;
  ExtensionRegistry extensions;
  std::optional<std::string> cache_dir_override;
  std::unique_ptr<DiskCache> disk;  // created on first use for the resolved directory
  std::unordered_map<uint64_t, std::shared_ptr<const NativeCode>> memory;
  std::unordered_map<uint64_t, std::string> declined;
  std::unordered_map<uint64_t, uint32_t> runs;
  std::unordered_map<uint64_t, std::shared_ptr<const trace::CompiledTrace>> traces;  // by trace_key()

 private:
  DiskCache* disk_cache();
  std::shared_ptr<const NativeCode> make_code(const CachedCode& c, std::vector<const void*> imports,
                                              uint64_t compile_ns, bool from_disk, std::string& why);
};

}  // namespace fusevm::jit
