// The persistent code cache (see disk_cache.h): directory checks, the file format, load, store
// and pruning.
#include "jit/cache/disk_cache.h"

#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "fusevm/op.h"
#include "fusevm/version.h"
#include "jit/backend/backend.h"
#include "jit/env_text.h"
#include "jit/runtime/context.h"

namespace fusevm::jit {
namespace {

constexpr char kMagic[8] = {'F', 'V', 'M', 'J', 'I', 'T', '0', '1'};
constexpr uint32_t kSchema = 2;  // 2: traces (recipe, IR hash)
constexpr size_t kMaxFileBytes = size_t{16} << 20;
constexpr uint64_t kDefaultMaxBytes = uint64_t{256} << 20;

// Fixed-width little-endian fields.
class Writer {
 public:
  template <class T>
  void put(T v) {
    uint8_t b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out.insert(out.end(), b, b + sizeof(T));
  }
  void bytes(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    out.insert(out.end(), b, b + n);
  }
  std::vector<uint8_t> out;
};

class Reader {
 public:
  Reader(const uint8_t* p, size_t n) : p_(p), n_(n) {}
  template <class T>
  bool get(T& v) {
    if (n_ - at_ < sizeof(T)) return false;
    std::memcpy(&v, p_ + at_, sizeof(T));
    at_ += sizeof(T);
    return true;
  }
  bool bytes(void* dst, size_t n) {
    if (n_ - at_ < n) return false;
    if (n) std::memcpy(dst, p_ + at_, n);
    at_ += n;
    return true;
  }
  size_t offset() const { return at_; }

 private:
  const uint8_t* p_;
  size_t n_;
  size_t at_ = 0;
};

bool valid_type(TypeSet t) { return t != 0 && (t & ~kAny) == 0; }

// Creates `path` (and missing parents) with mode 0700.
bool make_dirs(const std::string& path) {
  if (path.empty()) return false;
  struct stat st;
  if (lstat(path.c_str(), &st) == 0) return true;
  const size_t slash = path.find_last_of('/');
  if (slash != std::string::npos && slash > 0 && !make_dirs(path.substr(0, slash))) return false;
  return mkdir(path.c_str(), 0700) == 0 || errno == EEXIST;
}

std::atomic<uint64_t> g_temp_counter{0};

// The GNU build-id of the binary (or shared library) this code is linked into: any rebuild of
// fusevm changes it, so code cached by another build is never taken for this one's. Empty when
// the linker wrote none (the fingerprint then falls back to the version and build time).
std::string own_build_id() {
  struct Search {
    uintptr_t self;
    std::string id;
  } search{reinterpret_cast<uintptr_t>(&own_build_id), {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) -> int {
        auto* s = static_cast<Search*>(data);
        bool mine = false;
        for (int i = 0; i < info->dlpi_phnum && !mine; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          const uintptr_t lo = info->dlpi_addr + ph.p_vaddr;
          mine = ph.p_type == PT_LOAD && s->self >= lo && s->self < lo + ph.p_memsz;
        }
        if (!mine) return 0;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          const auto* p = reinterpret_cast<const uint8_t*>(info->dlpi_addr + ph.p_vaddr);
          const uint8_t* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            const auto* n = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const uint8_t* name = p + sizeof(ElfW(Nhdr));
            const uint8_t* desc = name + ((n->n_namesz + 3) & ~3u);
            if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 &&
                desc + n->n_descsz <= end) {
              s->id.assign(reinterpret_cast<const char*>(desc), n->n_descsz);
              return 1;
            }
            p = desc + ((n->n_descsz + 3) & ~3u);
          }
        }
        return 1;
      },
      &search);
  if (search.id.empty()) search.id = std::string(__DATE__ " " __TIME__);
  return search.id;
}

}  // namespace

std::string DiskCache::resolve_dir(const std::optional<std::string>& explicit_dir) {
  if (explicit_dir) return *explicit_dir;
  if (const char* v = std::getenv("FUSEVM_JIT_CACHE_DIR")) return means_off(v) ? "" : v;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/fusevm-jit";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/fusevm-jit";
  return "";  // no per-user place: never fall back to a shared directory such as /tmp
}

uint64_t DiskCache::resolve_max_bytes() {
  const char* v = std::getenv("FUSEVM_JIT_CACHE_MAX_BYTES");
  if (v == nullptr) return kDefaultMaxBytes;
  const std::string s = lower_trimmed(v);
  if (s == "0" || s == "off" || s == "none" || s == "unlimited") return 0;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(s.c_str(), &end, 10);
  if (end == s.c_str()) return kDefaultMaxBytes;
  const std::string suffix(end);
  if (suffix.empty()) return n;
  if (suffix == "k") return n << 10;
  if (suffix == "m") return n << 20;
  if (suffix == "g") return n << 30;
  return kDefaultMaxBytes;
}

uint64_t DiskCache::fingerprint() {
  static const uint64_t fp = [] {
    XXH64_state_t* st = XXH64_createState();
    XXH64_reset(st, kSchema);
    XXH64_update(st, kVersion.data(), kVersion.size());
    const uint64_t words[] = {op_table_hash(), helpers_hash(), sizeof(JitContext),
                              static_cast<uint64_t>(ctx_off::exit_flags), sizeof(Value)};
    XXH64_update(st, words, sizeof words);
    const std::string target = backend_target_description();
    XXH64_update(st, target.data(), target.size());
    const std::string build = own_build_id();
    XXH64_update(st, build.data(), build.size());
    const uint64_t h = XXH64_digest(st);
    XXH64_freeState(st);
    return h;
  }();
  return fp;
}

DiskCache::DiskCache(std::string dir) : dir_(std::move(dir)) {}

bool DiskCache::usable() {
  if (checked_) return usable_;
  checked_ = true;
  if (dir_.empty()) {
    problem_ = "disabled";
    return false;
  }
  if (!make_dirs(dir_)) {
    problem_ = "cannot create " + dir_ + ": " + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (lstat(dir_.c_str(), &st) != 0) {
    problem_ = "cannot stat " + dir_;
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    problem_ = dir_ + " is not a directory (or is a symlink)";
    return false;
  }
  if (st.st_uid != geteuid()) {
    problem_ = dir_ + " is owned by another user";
    return false;
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    problem_ = dir_ + " is writable by group or others";
    return false;
  }
  usable_ = true;
  return true;
}

std::string DiskCache::path_for(uint64_t key) const {
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.fjit", static_cast<unsigned long long>(key));
  return dir_ + "/" + name;
}

std::vector<uint8_t> DiskCache::encode(const CachedCode& c) {
  Writer w;
  w.bytes(kMagic, sizeof kMagic);
  w.put<uint32_t>(kSchema);
  w.put<uint64_t>(fingerprint());
  w.put<uint64_t>(c.key);
  w.put<uint64_t>(c.chunk_hash);
  w.put<uint64_t>(c.entry);
  w.put<uint8_t>(static_cast<uint8_t>(c.kind));
  w.put<uint8_t>(static_cast<uint8_t>(c.tier));
  w.put<uint8_t>(c.fuel_checks ? 1 : 0);
  w.put<uint32_t>(c.max_depth);
  w.put<uint32_t>(c.op_count);
  w.put<uint32_t>(c.entry_offset);
  w.put<uint32_t>(static_cast<uint32_t>(c.stack_types.size()));
  for (TypeSet t : c.stack_types) w.put<uint8_t>(t);
  w.put<uint32_t>(static_cast<uint32_t>(c.slot_types.size()));
  for (const auto& [slot, t] : c.slot_types) {
    w.put<uint16_t>(slot);
    w.put<uint8_t>(t);
  }
  w.put<uint32_t>(static_cast<uint32_t>(c.imports.size()));
  for (const CachedImport& imp : c.imports) {
    w.put<uint8_t>(imp.op);
    w.put<uint16_t>(imp.id);
    w.put<uint8_t>(imp.arg);
    w.put<uint16_t>(static_cast<uint16_t>(imp.symbol.size()));
    w.bytes(imp.symbol.data(), imp.symbol.size());
  }
  w.put<uint32_t>(static_cast<uint32_t>(c.recipe.size()));
  w.bytes(c.recipe.data(), c.recipe.size());
  w.put<uint64_t>(c.ir_hash);
  w.put<uint32_t>(static_cast<uint32_t>(c.code.size()));
  w.bytes(c.code.data(), c.code.size());
  w.put<uint64_t>(XXH64(w.out.data(), w.out.size(), 0));
  return std::move(w.out);
}

std::optional<CachedCode> DiskCache::decode(const std::vector<uint8_t>& bytes, std::string& why) {
  if (bytes.size() < sizeof kMagic + 8) {
    why = "truncated";
    return std::nullopt;
  }
  uint64_t sum = 0;
  std::memcpy(&sum, bytes.data() + bytes.size() - 8, 8);
  if (XXH64(bytes.data(), bytes.size() - 8, 0) != sum) {
    why = "checksum mismatch";
    return std::nullopt;
  }
  Reader r(bytes.data(), bytes.size() - 8);
  char magic[8];
  uint32_t schema = 0;
  uint64_t fp = 0;
  CachedCode c;
  uint8_t kind = 0, tier = 0, fuel = 0;
  uint32_t count = 0;
  if (!r.bytes(magic, 8) || std::memcmp(magic, kMagic, 8) != 0) {
    why = "not a fusevm code cache file";
    return std::nullopt;
  }
  if (!r.get(schema) || schema != kSchema || !r.get(fp) || fp != fingerprint()) {
    why = "written by another build or for another CPU";
    return std::nullopt;
  }
  if (!r.get(c.key) || !r.get(c.chunk_hash) || !r.get(c.entry) || !r.get(kind) || !r.get(tier) ||
      !r.get(fuel) || fuel > 1 || !r.get(c.max_depth) || !r.get(c.op_count) || !r.get(c.entry_offset) || !r.get(count)) {
    why = "truncated header";
    return std::nullopt;
  }
  if (kind > static_cast<uint8_t>(EntryKind::Loop) || tier > static_cast<uint8_t>(Tier::Trace)) {
    why = "bad header";
    return std::nullopt;
  }
  c.kind = static_cast<EntryKind>(kind);
  c.tier = static_cast<Tier>(tier);
  c.fuel_checks = fuel != 0;
  if (count > 4096) {
    why = "bad signature";
    return std::nullopt;
  }
  for (uint32_t i = 0; i < count; ++i) {
    uint8_t t = 0;
    if (!r.get(t) || !valid_type(t)) {
      why = "bad signature";
      return std::nullopt;
    }
    c.stack_types.push_back(t);
  }
  if (!r.get(count) || count > 65536) {
    why = "bad signature";
    return std::nullopt;
  }
  for (uint32_t i = 0; i < count; ++i) {
    uint16_t slot = 0;
    uint8_t t = 0;
    if (!r.get(slot) || !r.get(t) || !valid_type(t)) {
      why = "bad signature";
      return std::nullopt;
    }
    c.slot_types.emplace_back(slot, t);
  }
  if (!r.get(count) || count > 4096) {
    why = "bad import table";
    return std::nullopt;
  }
  for (uint32_t i = 0; i < count; ++i) {
    CachedImport imp;
    uint16_t len = 0;
    if (!r.get(imp.op) || !r.get(imp.id) || !r.get(imp.arg) || !r.get(len)) {
      why = "bad import table";
      return std::nullopt;
    }
    imp.symbol.resize(len);
    if (!r.bytes(imp.symbol.data(), len)) {
      why = "bad import table";
      return std::nullopt;
    }
    c.imports.push_back(std::move(imp));
  }
  uint32_t recipe_size = 0;
  if (!r.get(recipe_size) || recipe_size > kMaxFileBytes) {
    why = "bad trace recipe";
    return std::nullopt;
  }
  c.recipe.resize(recipe_size);
  if (!r.bytes(c.recipe.data(), recipe_size) || !r.get(c.ir_hash)) {
    why = "bad trace recipe";
    return std::nullopt;
  }
  uint32_t code_size = 0;
  if (!r.get(code_size) || code_size == 0 || code_size > kMaxFileBytes || c.entry_offset >= code_size) {
    why = "bad code size";
    return std::nullopt;
  }
  c.code.resize(code_size);
  if (!r.bytes(c.code.data(), code_size) || r.offset() != bytes.size() - 8) {
    why = "truncated code";
    return std::nullopt;
  }
  return c;
}

std::optional<CachedCode> DiskCache::load(uint64_t key, CacheMiss& miss, std::string& why) {
  miss = CacheMiss::Absent;
  if (!usable()) return std::nullopt;
  const std::string path = path_for(key);
  const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) {
      miss = CacheMiss::Rejected;
      why = "cannot open " + path + ": " + std::strerror(errno);
    }
    return std::nullopt;
  }
  miss = CacheMiss::Rejected;
  struct stat st;
  std::vector<uint8_t> bytes;
  bool ok = fstat(fd, &st) == 0;
  if (!ok) why = "cannot stat " + path;
  if (ok && !S_ISREG(st.st_mode)) ok = false, why = path + " is not a regular file";
  if (ok && st.st_uid != geteuid()) ok = false, why = path + " is owned by another user";
  if (ok && (st.st_mode & (S_IWGRP | S_IWOTH))) ok = false, why = path + " is writable by group or others";
  if (ok && (st.st_size <= 0 || static_cast<uint64_t>(st.st_size) > kMaxFileBytes)) ok = false, why = path + " has a bad size";
  if (ok) {
    bytes.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < bytes.size()) {
      const ssize_t n = read(fd, bytes.data() + got, bytes.size() - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    if (got != bytes.size()) ok = false, why = path + " could not be read";
  }
  close(fd);
  if (!ok) return std::nullopt;
  std::optional<CachedCode> c = decode(bytes, why);
  if (!c) {
    why = path + ": " + why;
    return std::nullopt;
  }
  if (c->key != key) {
    why = path + ": holds code for another key";
    return std::nullopt;
  }
  return c;
}

bool DiskCache::store(const CachedCode& code, std::string& why) {
  if (!usable()) {
    why = problem_;
    return false;
  }
  const std::vector<uint8_t> bytes = encode(code);
  const std::string final_path = path_for(code.key);
  const std::string temp = final_path + "." + std::to_string(getpid()) + "." +
                           std::to_string(g_temp_counter.fetch_add(1)) + ".tmp";
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    why = "cannot create " + temp + ": " + std::strerror(errno);
    return false;
  }
  size_t put = 0;
  while (put < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + put, bytes.size() - put);
    if (n <= 0) break;
    put += static_cast<size_t>(n);
  }
  const bool written = put == bytes.size();
  close(fd);
  if (!written || rename(temp.c_str(), final_path.c_str()) != 0) {
    why = "cannot write " + final_path;
    unlink(temp.c_str());
    return false;
  }
  if (++writes_ % 64 == 1) prune(resolve_max_bytes());
  return true;
}

namespace {
struct CacheFile {
  std::string path;
  uint64_t size;
  int64_t mtime;
};
std::vector<CacheFile> list_files(const std::string& dir) {
  std::vector<CacheFile> files;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return files;
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".fjit") != 0) continue;
    const std::string path = dir + "/" + name;
    struct stat st;
    if (lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    files.push_back({path, static_cast<uint64_t>(st.st_size), static_cast<int64_t>(st.st_mtime)});
  }
  closedir(d);
  return files;
}
}  // namespace

uint64_t DiskCache::size_bytes() {
  if (!usable()) return 0;
  uint64_t total = 0;
  for (const CacheFile& f : list_files(dir_)) total += f.size;
  return total;
}

uint64_t DiskCache::prune(uint64_t max_bytes) {
  if (max_bytes == 0 || !usable()) return 0;
  std::vector<CacheFile> files = list_files(dir_);
  uint64_t total = 0;
  for (const CacheFile& f : files) total += f.size;
  if (total <= max_bytes) return 0;
  std::sort(files.begin(), files.end(), [](const CacheFile& a, const CacheFile& b) { return a.mtime < b.mtime; });
  const uint64_t goal = max_bytes - max_bytes / 5;
  uint64_t freed = 0;
  for (const CacheFile& f : files) {
    if (total - freed <= goal) break;
    if (unlink(f.path.c_str()) == 0) freed += f.size;
  }
  return freed;
}

}  // namespace fusevm::jit
