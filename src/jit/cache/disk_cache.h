// The persistent code cache: compiled code in files, so a process that runs the same chunks as
// an earlier one skips code generation.
//
// A file holds position-independent machine code and what is needed to relocate it: the entry
// signature, and an import table naming the extension functions the code calls (resolved again
// in the loading process, never an address). Its name is the compile key; inside, a fingerprint
// (fusevm version, op table hash, helper table, context layout, CPU features) and a checksum of
// every byte guard against foreign, stale, torn or tampered files, which are ignored (and
// rebuilt), never executed.
//
// Safety of the directory: it is created 0700; it is refused if it is a symlink, is not owned
// by this user, or is writable by group or others — anyone who can write it could otherwise make
// this process run their code. Files are opened without following symlinks and refused unless
// they are regular, owned by this user and not group/other-writable. Writes go to a unique
// temporary name and are renamed into place, so readers never see a partial file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fusevm/jit.h"
#include "jit/types.h"

namespace fusevm::jit {

/// One import of a cached blob: the op it implements and the symbol it must resolve to.
struct CachedImport {
  uint8_t op = 0;
  uint16_t id = 0;
  uint8_t arg = 0;
  std::string symbol;
};

/// Everything a cache file stores.
struct CachedCode {
  uint64_t key = 0;
  uint64_t chunk_hash = 0;
  uint64_t entry = 0;
  EntryKind kind = EntryKind::Run;
  Tier tier = Tier::Block;
  uint32_t max_depth = 0;
  uint32_t op_count = 0;
  uint32_t entry_offset = 0;
  bool fuel_checks = true;
  std::vector<TypeSet> stack_types;
  std::vector<std::pair<uint16_t, TypeSet>> slot_types;
  std::vector<CachedImport> imports;
  std::vector<uint8_t> code;
  /// Traces: the recipe (TraceMetadata as JSON) the loading process rebuilds the trace's IR from
  /// — its exits need the snapshots — and the hash of that IR, which must come out the same.
  std::string recipe;
  uint64_t ir_hash = 0;
};

/// Why a load found nothing usable.
enum class CacheMiss : uint8_t { Absent, Rejected };

class DiskCache {
 public:
  /// The directory to use: the explicit one, else FUSEVM_JIT_CACHE_DIR (off/0/none/... disable
  /// it), else $XDG_CACHE_HOME/fusevm-jit, $HOME/.cache/fusevm-jit. "" means disabled.
  static std::string resolve_dir(const std::optional<std::string>& explicit_dir);
  /// The size cap: FUSEVM_JIT_CACHE_MAX_BYTES (a number with an optional k/m/g suffix;
  /// 0/off/unlimited = no cap), else 256 MiB.
  static uint64_t resolve_max_bytes();
  /// The fingerprint every file must carry to be used by this build on this machine.
  static uint64_t fingerprint();

  explicit DiskCache(std::string dir);
  /// Whether the directory is usable (created if missing; refused if unsafe).
  bool usable();
  const std::string& dir() const noexcept { return dir_; }
  /// Why the directory is refused ("" if it is usable).
  const std::string& problem() const noexcept { return problem_; }

  /// The cached code for `key`, or why there is none (`why` says what was wrong).
  std::optional<CachedCode> load(uint64_t key, CacheMiss& miss, std::string& why);
  /// Writes `code` under its key; false (and `why`) when it could not be written.
  bool store(const CachedCode& code, std::string& why);

  /// Deletes the oldest cache files until the total is at most 80% of `max_bytes`; returns the
  /// bytes freed (0 when under the cap, or when max_bytes is 0).
  uint64_t prune(uint64_t max_bytes);
  /// Total bytes of cache files.
  uint64_t size_bytes();

  /// The file format (exposed for tests that corrupt files).
  static std::vector<uint8_t> encode(const CachedCode& code);
  static std::optional<CachedCode> decode(const std::vector<uint8_t>& bytes, std::string& why);
  std::string path_for(uint64_t key) const;

 private:
  std::string dir_;
  std::string problem_;
  bool checked_ = false;
  bool usable_ = false;
  uint32_t writes_ = 0;
};

}  // namespace fusevm::jit
