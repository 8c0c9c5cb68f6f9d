// Filesystem globbing for DefaultHost (`Glob`, `GlobRecursive`): POSIX glob(3) for ordinary
// patterns, and our own bounded directory walk when a path component is `**` (any depth).
// Results are sorted by bytes; nothing matching gives an empty list, never the pattern itself.
#include <dirent.h>
#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <memory>
#include <string>

#include "fusevm/shell_host.h"

namespace fusevm::shell {
namespace {

// A huge tree must not hang the VM: a glob stops (keeping what it found) after this many
// directory entries, and `**` descends at most this many levels.
constexpr size_t kMaxVisited = 1'000'000;
constexpr int kMaxDepth = 256;

bool has_meta(std::string_view component) {
  return component.find_first_of("*?[") != std::string_view::npos;
}

// Non-empty components between slashes.
std::vector<std::string_view> split_path(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= s.size()) {
    size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) slash = s.size();
    if (slash > start) parts.push_back(s.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// glob(3) lets `.*` match the directory entries `.` and `..`; a result that got one of them from
// a wildcard is dropped (bash's globskipdots), so `rm -r .*` can never climb upwards.
bool wildcard_dot(std::string_view pattern, std::string_view path) {
  const auto pat = split_path(pattern), got = split_path(path);
  if (pat.size() != got.size()) return false;
  for (size_t k = 0; k < pat.size(); ++k)
    if ((got[k] == "." || got[k] == "..") && has_meta(pat[k])) return true;
  return false;
}

// glob(3) reads directories through these (GLOB_ALTDIRFUNC) so that `/*/*/*/*` cannot walk a
// whole filesystem either: past the budget every directory reads as empty.
thread_local size_t t_glob_budget = 0;

void* glob_opendir(const char* path) { return ::opendir(path); }
void glob_closedir(void* dir) { ::closedir(static_cast<DIR*>(dir)); }
dirent* glob_readdir(void* dir) {
  if (t_glob_budget == 0) return nullptr;
  --t_glob_budget;
  return ::readdir(static_cast<DIR*>(dir));
}
int glob_lstat(const char* path, struct stat* st) { return ::lstat(path, st); }
int glob_stat(const char* path, struct stat* st) { return ::stat(path, st); }

std::vector<std::string> posix_glob(const std::string& pattern) {
  std::vector<std::string> out;
  glob_t g{};
  g.gl_opendir = glob_opendir;
  g.gl_closedir = glob_closedir;
  g.gl_readdir = glob_readdir;
  g.gl_lstat = glob_lstat;
  g.gl_stat = glob_stat;
  t_glob_budget = kMaxVisited;
  // No GLOB_NOCHECK (no match is an empty list), no GLOB_PERIOD (a leading `.` must be matched
  // explicitly), no GLOB_ERR (unreadable directories are skipped). We sort ourselves, by bytes.
  const int rc = ::glob(pattern.c_str(), GLOB_NOSORT | GLOB_ALTDIRFUNC, nullptr, &g);
  std::unique_ptr<glob_t, void (*)(glob_t*)> guard(&g, globfree);
  if (rc != 0 && rc != GLOB_ABORTED) return out;
  for (size_t i = 0; i < g.gl_pathc; ++i) {
    std::string_view path(g.gl_pathv[i]);
    if (!wildcard_dot(pattern, path)) out.emplace_back(path);
  }
  return out;
}

struct Entry {
  std::string name;
  bool dir = false;      // a directory, not through a symlink (`**` may descend)
  bool symlink = false;  // may lead to a directory (ordinary wildcards follow it)
};

// The `**` walk. Components are matched one at a time with glob_match, applying the path rules
// glob_match itself does not have: a leading `.` must be matched by a literal `.`, and `**`
// neither enters nor matches hidden entries, nor follows symlinked directories (no cycles).
class Walker {
 public:
  explicit Walker(std::string_view pattern) {
    for (std::string_view c : split_path(pattern))
      if (c != "**" || comps_.empty() || comps_.back() != "**") comps_.emplace_back(c);
    dir_only_ = pattern.back() == '/';
  }

  std::vector<std::string> run(std::string_view pattern) {
    walk(pattern.front() == '/' ? "/" : "", 0, 0);
    return std::move(out_);
  }

 private:
  static std::string join(const std::string& prefix, std::string_view name) {
    if (prefix.empty()) return std::string(name);
    if (prefix.back() == '/') return prefix + std::string(name);
    return prefix + "/" + std::string(name);
  }

  static bool component_match(std::string_view pattern, std::string_view name) {
    const bool literal_dot = pattern.starts_with('.') || pattern.starts_with("\\.");
    if (name[0] == '.' && !literal_dot) return false;
    return glob_match(pattern, name);
  }

  std::vector<Entry> list(const std::string& prefix) {
    std::vector<Entry> entries;
    // Past the budget every directory reads as empty; what was already listed is still matched
    // (that work is bounded by the entries listed so far).
    if (stopped_) return entries;
    const std::string dir = prefix.empty() ? "." : prefix;
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return entries;
    std::unique_ptr<DIR, int (*)(DIR*)> guard(d, ::closedir);
    while (const dirent* e = ::readdir(d)) {
      const std::string_view name(e->d_name);
      if (name == "." || name == "..") continue;
      if (++visited_ > kMaxVisited) {
        stopped_ = true;
        break;
      }
      Entry entry{std::string(name)};
      unsigned char type = e->d_type;
      if (type == DT_UNKNOWN) {  // some filesystems do not fill d_type
        struct stat st {};
        if (::lstat(join(prefix, name).c_str(), &st) == 0)
          type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
      }
      entry.dir = type == DT_DIR;
      entry.symlink = type == DT_LNK;
      entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
  }

  void emit(const std::string& path) {
    if (!dir_only_) {
      out_.push_back(path);
      return;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) out_.push_back(path + "/");
  }

  void walk(const std::string& prefix, size_t idx, int depth) {
    if (idx == comps_.size()) {
      if (!prefix.empty()) emit(prefix);
      return;
    }
    const std::string& c = comps_[idx];
    const bool last = idx + 1 == comps_.size();
    if (c == "**") {
      // Zero directories — except at the end, where `a/**` means what is below `a`, not `a`.
      if (!last) walk(prefix, idx + 1, depth);
      if (depth >= kMaxDepth) return;
      for (const Entry& e : list(prefix)) {
        if (e.name[0] == '.') continue;
        const std::string path = join(prefix, e.name);
        if (last) walk(path, idx + 1, depth);
        if (e.dir) walk(path, idx, depth + 1);
      }
      return;
    }
    if (!has_meta(c)) {  // a literal: look it up instead of listing the directory
      std::string name;
      for (size_t i = 0; i < c.size(); ++i) {
        if (c[i] == '\\' && i + 1 < c.size()) ++i;
        name += c[i];
      }
      const std::string path = join(prefix, name);
      struct stat st {};
      if (::lstat(path.c_str(), &st) == 0) walk(path, idx + 1, depth);
      return;
    }
    for (const Entry& e : list(prefix)) {
      if (!last && !e.dir && !e.symlink) continue;  // only a directory can hold the rest
      if (component_match(c, e.name)) walk(join(prefix, e.name), idx + 1, depth);
    }
  }

  std::vector<std::string> comps_;
  bool dir_only_ = false;
  size_t visited_ = 0;
  bool stopped_ = false;
  std::vector<std::string> out_;
};

bool has_globstar(std::string_view pattern) {
  for (std::string_view c : split_path(pattern))
    if (c == "**") return true;
  return false;
}

}  // namespace

std::vector<std::string> glob_paths(std::string_view pattern) {
  if (pattern.empty() || pattern.find('\0') != std::string_view::npos) return {};
  try {
    std::vector<std::string> out =
        has_globstar(pattern) ? Walker(pattern).run(pattern) : posix_glob(std::string(pattern));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace fusevm::shell
