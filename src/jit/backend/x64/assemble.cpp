// CodeHolder setup and flattening shared by the backend's code generators (assemble.h).
#include "jit/backend/x64/assemble.h"

namespace fusevm::jit::x64 {

void init_code(asmjit::CodeHolder& code, RecordingErrorHandler& errors, asmjit::Logger* logger) {
  code.init(asmjit::Environment::host());
  code.setErrorHandler(&errors);
  if (logger != nullptr) code.setLogger(logger);
}

Result<CodeBlob> finish_code(asmjit::CodeHolder& code, const RecordingErrorHandler& errors, asmjit::Label entry) {
  if (errors.first != asmjit::kErrorOk) return Status(ErrorCode::NotCompiled, std::string("assembler: ") + errors.text);
  if (code.flatten() != asmjit::kErrorOk || code.resolveUnresolvedLinks() != asmjit::kErrorOk)
    return Status(ErrorCode::NotCompiled, "assembler: unresolved labels");
  for (const asmjit::RelocEntry* r : code.relocEntries()) {
    if (r && r->relocType() != asmjit::RelocType::kNone)
      return Status(ErrorCode::NotCompiled, "assembler: code is not position-independent");
  }
  CodeBlob blob;
  blob.code.resize(code.codeSize());
  if (code.relocateToBase(0) != asmjit::kErrorOk ||
      code.copyFlattenedData(blob.code.data(), blob.code.size(), asmjit::CopySectionFlags::kPadTargetBuffer) !=
          asmjit::kErrorOk)
    return Status(ErrorCode::NotCompiled, "assembler: copying the code failed");
  blob.entry_offset = static_cast<uint32_t>(code.labelOffsetFromBase(entry));
  return blob;
}

}  // namespace fusevm::jit::x64
