// The verifier: checks a chunk before it runs.
//
// It checks every operand against what it refers to (constants, names, subs, blocks,
// sub-chunks, jump targets, named codes), the chunk's tables (sub entries, block ranges), and
// sub-chunks recursively; and it follows the control flow to find stack underflows that are
// certain: an op that needs more values than any path to it can have supplied.
//
// Findings have a severity:
//  * Error — the chunk cannot run as written: a proven stack underflow, a block op naming a block
//    that does not exist, a malformed block range, a jump out of a block, a return inside one, an
//    id in the reserved awk range that names no awk op.
//  * Warning — the original fusevm gives the construct a defined, harmless meaning, so the chunk
//    still runs, but it is almost certainly a frontend bug: an out-of-range constant (pushes
//    Undef), a jump past the end (ends the run), a call to a name with no sub entry (an error only
//    if it executes), an unknown file-test code (false), and so on. VerifyOptions::strict turns
//    every warning into an error.
// The conformance vectors pin the original's behaviour for the warning cases, which is why they
// are not errors by default. docs/verifier.md lists every check.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fusevm/chunk.h"
#include "fusevm/status.h"

namespace fusevm {

enum class Severity : uint8_t { Warning, Error };

/// One finding.
struct Diagnostic {
  Severity severity = Severity::Error;
  /// Which chunk: "" for the one verified, "sub_chunks[2]" or "sub_chunks[2].sub_chunks[0]"
  /// for nested ones.
  std::string chunk_path;
  /// The op the finding is about, or kNoIp for chunk-level findings (tables).
  size_t ip = kNoIp;
  /// The whole message: "demo.fvm:12 (ip 37, Pop): stack underflow: ...".
  std::string message;

  static constexpr size_t kNoIp = SIZE_MAX;
};

struct VerifyOptions {
  /// Treat warnings as errors.
  bool strict = false;
  /// Run the stack-depth analysis (on by default).
  bool check_stack = true;
};

/// Everything the verifier found, plus facts the VM uses.
struct VerifyReport {
  std::vector<Diagnostic> diagnostics;
  /// One past the highest slot index any op of the top chunk names (frames can be pre-sized).
  uint32_t slot_count = 0;
  /// True if the stack analysis proved that no op of the top chunk can underflow: every op that
  /// pops finds enough values on every path. The interpreter then skips its underflow checks.
  bool stack_proven = false;

  bool ok() const noexcept { return error_count() == 0; }
  size_t error_count() const noexcept;
  size_t warning_count() const noexcept;
  /// Ok, or VerifyFailed carrying the first error (and how many more there are).
  Status to_status() const;
  /// All diagnostics, one per line, errors first.
  std::string format() const;
};

/// Verifies a chunk and its sub-chunks.
VerifyReport verify_chunk(const Chunk& chunk, const VerifyOptions& options = {});

}  // namespace fusevm
