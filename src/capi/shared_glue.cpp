// Linked into libfusevm.so only (with the JIT): the variable that the shared library's copy of
// libasmjit.a reads instead of `stderr` (src/CMakeLists.txt explains the rename). asmjit writes
// to it only for its own debug messages.
#include <cstdio>

extern "C" {
// Hidden, so the archive's direct (non-PIC) reference resolves inside the library.
__attribute__((visibility("hidden"))) FILE* fusevm_asmjit_stderr = stderr;
}
