// The persistent code cache: round trips, and every way a cache file or directory can be wrong
// (corrupt, truncated, foreign, tampered, unsafe permissions, a symlink) — each is ignored and
// the code rebuilt, never executed.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "fusevm/jit.h"
#include "fusevm/vm.h"
#include "jit/cache/disk_cache.h"
#include "run_outcome.h"
#include "trace_support.h"

namespace fusevm::test {
namespace {

namespace fs = std::filesystem;
using jit::JitCompiler;

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/fusevm-cache-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    dir_ = root_ + "/cache";
    saved_ = JitCompiler::global().config();
    JitCompiler::global().set_config(jit::TraceJitConfig::eager());
    JitCompiler::global().set_cache_dir(dir_);
    JitCompiler::global().clear_memory_cache();
  }
  void TearDown() override {
    JitCompiler::global().set_cache_dir(std::string("off-for-tests-unused"));
    JitCompiler::global().set_cache_dir(std::nullopt);
    JitCompiler::global().set_config(saved_);
    JitCompiler::global().clear_memory_cache();
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, ec);
    fs::remove_all(root_, ec);
  }

  // Runs the program in a fresh VM (clearing the in-memory cache first, as a new process would
  // start) and returns its result value.
  int64_t run_fresh() {
    JitCompiler::global().clear_memory_cache();
    VM vm(chunk_);
    VMResult r = vm.run();
    EXPECT_TRUE(r.is_ok()) << r.error();
    EXPECT_GT(vm.stats().jit_entries, 0u);
    return r.value().as_int();
  }

  std::vector<fs::path> files() {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_, ec))
      if (e.path().extension() == ".fjit") out.push_back(e.path());
    return out;
  }

  static std::vector<uint8_t> read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  static void write(const fs::path& p, const std::vector<uint8_t>& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  static void reseal(std::vector<uint8_t>& bytes) {
    const uint64_t sum = XXH64(bytes.data(), bytes.size() - 8, 0);
    std::memcpy(bytes.data() + bytes.size() - 8, &sum, 8);
  }

  // Loads once from disk after damaging every file with `damage`: the damaged files must be
  // rejected and the result still right.
  void expect_rejected_and_rebuilt(void (*damage)(std::vector<uint8_t>&)) {
    const int64_t expected = run_fresh();
    ASSERT_FALSE(files().empty());
    for (const fs::path& f : files()) {
      std::vector<uint8_t> bytes = read(f);
      damage(bytes);
      write(f, bytes);
    }
    const uint64_t rejects = JitCompiler::global().stats().disk_rejects;
    EXPECT_EQ(run_fresh(), expected);
    EXPECT_GT(JitCompiler::global().stats().disk_rejects, rejects);
    // The rebuilt file is good again.
    const uint64_t hits = JitCompiler::global().stats().disk_hits;
    EXPECT_EQ(run_fresh(), expected);
    EXPECT_GT(JitCompiler::global().stats().disk_hits, hits);
  }

  std::string root_, dir_;
  jit::TraceJitConfig saved_;
  Chunk chunk_ = assemble_text(R"(
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 0
        GetSlot 1
        LoadInt 3
        Mul
        Add
        SetSlot 0
        PreIncSlotVoid 1
        GetSlot 1
        LoadInt 1000
        NumLt
        JumpIfTrue loop
        GetSlot 0
)");
};

TEST_F(CacheTest, CodeIsWrittenSafelyAndLoadedBack) {
  const uint64_t writes = JitCompiler::global().stats().disk_writes;
  const int64_t expected = run_fresh();
  EXPECT_EQ(expected, 3 * 999 * 1000 / 2);
  EXPECT_GT(JitCompiler::global().stats().disk_writes, writes);
  struct stat st;
  ASSERT_EQ(stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_FALSE(files().empty());
  for (const fs::path& f : files()) {
    ASSERT_EQ(stat(f.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << f;
  }
  const uint64_t hits = JitCompiler::global().stats().disk_hits;
  EXPECT_EQ(run_fresh(), expected);
  EXPECT_GT(JitCompiler::global().stats().disk_hits, hits);
}

TEST_F(CacheTest, CorruptCodeIsRejected) {
  expect_rejected_and_rebuilt([](std::vector<uint8_t>& b) { b[b.size() - 20] ^= 0x5A; });
}

TEST_F(CacheTest, TruncatedFileIsRejected) {
  expect_rejected_and_rebuilt([](std::vector<uint8_t>& b) { b.resize(b.size() / 2); });
}

TEST_F(CacheTest, EmptyAndJunkFilesAreRejected) {
  expect_rejected_and_rebuilt([](std::vector<uint8_t>& b) { b.assign(b.size(), 0xCC); });
}

TEST_F(CacheTest, ForeignBuildIsRejectedEvenWithAValidChecksum) {
  // Bytes 12..19 are the fingerprint (build, CPU features, op table, helper table).
  expect_rejected_and_rebuilt([](std::vector<uint8_t>& b) {
    b[12] ^= 1;
    reseal(b);
  });
}

TEST_F(CacheTest, CodeForAnotherKeyIsRejected) {
  // Bytes 20..27 are the key the file claims to hold.
  expect_rejected_and_rebuilt([](std::vector<uint8_t>& b) {
    b[20] ^= 1;
    reseal(b);
  });
}

TEST_F(CacheTest, BadEntryOffsetIsRejected) {
  // The entry offset is the third u32 after the 8-byte fields (magic 8, schema 4, 4 u64s, 3 u8s).
  expect_rejected_and_rebuilt([](std::vector<uint8_t>& b) {
    const size_t at = 8 + 4 + 8 * 4 + 3 + 4 + 4;
    const uint32_t huge = 0xFFFFFF00u;
    std::memcpy(b.data() + at, &huge, 4);
    reseal(b);
  });
}

TEST_F(CacheTest, DirectoryWritableByOthersIsRefused) {
  ASSERT_EQ(mkdir(dir_.c_str(), 0700), 0);
  ASSERT_EQ(chmod(dir_.c_str(), 0777), 0);
  JitCompiler::global().set_cache_dir(dir_);  // re-check the directory
  run_fresh();
  EXPECT_TRUE(files().empty());
  jit::DiskCache dc(dir_);
  EXPECT_FALSE(dc.usable());
  EXPECT_NE(dc.problem().find("writable by group or others"), std::string::npos);
}

TEST_F(CacheTest, SymlinkedDirectoryIsRefused) {
  const std::string real = root_ + "/real";
  ASSERT_EQ(mkdir(real.c_str(), 0700), 0);
  ASSERT_EQ(symlink(real.c_str(), dir_.c_str()), 0);
  JitCompiler::global().set_cache_dir(dir_);
  run_fresh();
  std::error_code ec;
  EXPECT_TRUE(fs::is_empty(real, ec));
  EXPECT_FALSE(jit::DiskCache(dir_).usable());
}

TEST_F(CacheTest, FileWritableByOthersIsRejected) {
  const int64_t expected = run_fresh();
  for (const fs::path& f : files()) ASSERT_EQ(chmod(f.c_str(), 0666), 0);
  const uint64_t rejects = JitCompiler::global().stats().disk_rejects;
  EXPECT_EQ(run_fresh(), expected);
  EXPECT_GT(JitCompiler::global().stats().disk_rejects, rejects);
}

TEST_F(CacheTest, PruneKeepsTheNewestUnderTheCap) {
  ASSERT_EQ(mkdir(dir_.c_str(), 0700), 0);
  jit::DiskCache dc(dir_);
  ASSERT_TRUE(dc.usable());
  for (int i = 0; i < 10; ++i) {
    const fs::path p = dc.path_for(static_cast<uint64_t>(i));
    write(p, std::vector<uint8_t>(100, 1));
    const time_t t = 1000000 + i;
    struct timespec times[2] = {{t, 0}, {t, 0}};
    utimensat(AT_FDCWD, p.c_str(), times, 0);
  }
  write(fs::path(dir_) / "keep.txt", std::vector<uint8_t>(50, 1));
  EXPECT_EQ(dc.size_bytes(), 1000u);
  EXPECT_GT(dc.prune(500), 0u);
  EXPECT_LE(dc.size_bytes(), 400u);
  EXPECT_TRUE(fs::exists(dc.path_for(9)));
  EXPECT_FALSE(fs::exists(dc.path_for(0)));
  EXPECT_TRUE(fs::exists(fs::path(dir_) / "keep.txt"));
  EXPECT_EQ(dc.prune(0), 0u);
}

// Traces: cached with their recipe (side traces included), so a new process starts warm —
// no recording, no code generation; a file whose recipe no longer builds the IR its code was
// compiled from is rejected and the loop recorded again.
class TraceCacheTest : public CacheTest {
 protected:
  void SetUp() override {
    CacheTest::SetUp();
    jit::TraceJitConfig c = jit::TraceJitConfig::eager();
    c.linear_enabled = c.block_enabled = false;
    c.side_exit_threshold = 3;
    JitCompiler::global().set_config(c);
    chunk_ = assemble_text(kAlternatingLoop);
  }
  static uint64_t stat_of(uint64_t jit::JitStats::*field) { return JitCompiler::global().stats().*field; }
};

TEST_F(TraceCacheTest, TreesAreLoadedWarmWithoutRecording) {
  EXPECT_EQ(run_fresh(), 2500);
  EXPECT_GE(stat_of(&jit::JitStats::trace_side_traces), 1u);
  ASSERT_FALSE(files().empty());
  const uint64_t compiles = stat_of(&jit::JitStats::compiles_trace);
  const uint64_t recordings = stat_of(&jit::JitStats::trace_recordings);
  const uint64_t hits = stat_of(&jit::JitStats::disk_hits);
  JitCompiler::global().clear_memory_cache();
  VM vm(chunk_);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value().as_int(), 2500);
  EXPECT_EQ(stat_of(&jit::JitStats::compiles_trace), compiles);
  EXPECT_EQ(stat_of(&jit::JitStats::trace_recordings), recordings);
  EXPECT_GT(stat_of(&jit::JitStats::disk_hits), hits);
  ASSERT_EQ(vm.trace_summaries().size(), 1u);
  EXPECT_GE(vm.trace_summaries()[0].side_traces, 1u);
  EXPECT_GT(vm.stats().trace_ops, vm.stats().ops_executed * 9 / 10);
}

TEST_F(TraceCacheTest, CodeAndRecipeThatDisagreeAreRejected) {
  for (int damage = 0; damage < 2; ++damage) {
    EXPECT_EQ(run_fresh(), 2500);
    size_t damaged = 0;
    for (const fs::path& f : files()) {
      std::string why;
      auto c = jit::DiskCache::decode(read(f), why);
      ASSERT_TRUE(c) << why;
      if (c->tier != jit::Tier::Trace) continue;
      if (damage == 0) c->ir_hash ^= 1;  // the code was built from another IR
      else c->recipe.replace(c->recipe.find("\"recorded_ips\":["), 16, "\"recorded_ips\":[1,");  // another path
      write(f, jit::DiskCache::encode(*c));  // a valid checksum: only the trace checks can tell
      ++damaged;
    }
    ASSERT_GT(damaged, 0u);
    const uint64_t rejects = stat_of(&jit::JitStats::disk_rejects);
    const uint64_t recordings = stat_of(&jit::JitStats::trace_recordings);
    EXPECT_EQ(run_fresh(), 2500);
    EXPECT_GT(stat_of(&jit::JitStats::disk_rejects), rejects) << "damage " << damage;
    EXPECT_GT(stat_of(&jit::JitStats::trace_recordings), recordings) << "damage " << damage;
  }
}

// Restores an environment variable when the test ends (later tests in the process read it).
class ScopedEnv {
 public:
  explicit ScopedEnv(const char* name) : name_(name) {
    if (const char* v = std::getenv(name)) saved_ = v;
  }
  ~ScopedEnv() {
    if (saved_) setenv(name_, saved_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> saved_;
};

TEST(CacheDirectory, ResolvedFromTheEnvironment) {
  ScopedEnv cache("FUSEVM_JIT_CACHE_DIR"), xdg("XDG_CACHE_HOME"), home("HOME"), cap("FUSEVM_JIT_CACHE_MAX_BYTES");
  setenv("FUSEVM_JIT_CACHE_DIR", " Off ", 1);
  EXPECT_EQ(jit::DiskCache::resolve_dir(std::nullopt), "");
  setenv("FUSEVM_JIT_CACHE_DIR", "/x/y", 1);
  EXPECT_EQ(jit::DiskCache::resolve_dir(std::nullopt), "/x/y");
  unsetenv("FUSEVM_JIT_CACHE_DIR");
  setenv("XDG_CACHE_HOME", "/xdg", 1);
  EXPECT_EQ(jit::DiskCache::resolve_dir(std::nullopt), "/xdg/fusevm-jit");
  unsetenv("XDG_CACHE_HOME");
  setenv("HOME", "/home/u", 1);
  EXPECT_EQ(jit::DiskCache::resolve_dir(std::nullopt), "/home/u/.cache/fusevm-jit");
  EXPECT_EQ(jit::DiskCache::resolve_dir(std::string("/explicit")), "/explicit");
  setenv("FUSEVM_JIT_CACHE_MAX_BYTES", " 3M ", 1);
  EXPECT_EQ(jit::DiskCache::resolve_max_bytes(), 3u << 20);
  setenv("FUSEVM_JIT_CACHE_MAX_BYTES", "unlimited", 1);
  EXPECT_EQ(jit::DiskCache::resolve_max_bytes(), 0u);
  setenv("FUSEVM_JIT_CACHE_MAX_BYTES", "2kb", 1);
  EXPECT_EQ(jit::DiskCache::resolve_max_bytes(), 256u << 20);
  unsetenv("FUSEVM_JIT_CACHE_MAX_BYTES");
}

}  // namespace
}  // namespace fusevm::test
