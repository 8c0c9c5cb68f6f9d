// What every code generator of the backend does around its emitter: an asmjit CodeHolder set up
// for the host (with an optional listing), and the finished code flattened into a
// position-independent CodeBlob.
#pragma once

#include <asmjit/x86.h>

#include <string>

#include "fusevm/status.h"
#include "jit/backend/backend.h"

namespace fusevm::jit::x64 {

/// Keeps the first error asmjit reports (asmjit does not throw).
class RecordingErrorHandler : public asmjit::ErrorHandler {
 public:
  void handleError(asmjit::Error err, const char* message, asmjit::BaseEmitter*) override {
    if (first == asmjit::kErrorOk) {
      first = err;
      text = message;
    }
  }
  asmjit::Error first = asmjit::kErrorOk;
  std::string text;
};

/// A CodeHolder for the host with the error handler attached (and the logger, when given).
void init_code(asmjit::CodeHolder& code, RecordingErrorHandler& errors, asmjit::Logger* logger);

/// The emitted code as a CodeBlob starting at `entry`; fails on any recorded error, unresolved
/// label or absolute relocation.
Result<CodeBlob> finish_code(asmjit::CodeHolder& code, const RecordingErrorHandler& errors, asmjit::Label entry);

}  // namespace fusevm::jit::x64
