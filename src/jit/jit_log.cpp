// The JIT's logger (see jit_log.h).
#include "jit/jit_log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <string>

namespace fusevm::jit {
namespace {

std::atomic<spdlog::logger*> g_active{nullptr};
std::mutex g_mu;
std::shared_ptr<spdlog::logger> g_logger;

spdlog::level::level_enum parse(std::string_view level) {
  if (level == "trace") return spdlog::level::trace;
  if (level == "debug") return spdlog::level::debug;
  if (level == "info") return spdlog::level::info;
  return spdlog::level::off;
}

// FUSEVM_JIT_LOG is read once, before the first event.
[[maybe_unused]] const bool g_from_env = [] {
  if (const char* v = std::getenv("FUSEVM_JIT_LOG")) set_jit_log_level(v);
  return true;
}();

}  // namespace

spdlog::logger* jit_log() noexcept { return g_active.load(std::memory_order_relaxed); }

void set_jit_log_level(std::string_view level) {
  std::lock_guard lock(g_mu);
  const auto lvl = parse(level);
  if (lvl == spdlog::level::off) {
    g_active.store(nullptr);
    return;
  }
  if (!g_logger) {
    g_logger = std::make_shared<spdlog::logger>("fusevm.jit", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    g_logger->set_pattern("[%H:%M:%S.%e] [%n] [%l] %v");
  }
  g_logger->set_level(lvl);
  g_active.store(g_logger.get());
}

}  // namespace fusevm::jit
