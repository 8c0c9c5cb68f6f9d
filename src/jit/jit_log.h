// The JIT's spdlog events (compiles, declines, exits, cache hits and misses). Off by default;
// FUSEVM_JIT_LOG or JitCompiler::set_log_level switch them on. Callers test jit_log() first, so
// a disabled log costs one load and a branch.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace fusevm::jit {

/// The logger when logging is on (at any level), else nullptr.
spdlog::logger* jit_log() noexcept;
/// "off", "info", "debug" or "trace" (anything else: off).
void set_jit_log_level(std::string_view level);

}  // namespace fusevm::jit
