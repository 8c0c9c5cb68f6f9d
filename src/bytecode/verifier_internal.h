// Shared state of the verifier's passes (verifier.cpp, stack_check.cpp).
#pragma once

#include <string>
#include <vector>

#include "fusevm/verifier.h"

namespace fusevm::detail {

struct VerifyContext {
  const Chunk& chunk;
  const VerifyOptions& options;
  const std::string& path;
  std::vector<Diagnostic>& out;
  uint32_t slot_count = 0;
  bool stack_proven = false;

  /// Records a finding about op `ip` (or Diagnostic::kNoIp for the chunk's tables).
  void report(Severity severity, size_t ip, const std::string& what);
};

/// Finds certain stack underflows by abstract interpretation over the control flow.
void check_stack(VerifyContext& cx);

}  // namespace fusevm::detail
