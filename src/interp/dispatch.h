// Dispatch macros for the interpreter loop: one handler body per op, compiled either as threaded
// code (GCC/Clang computed goto, one indirect jump per op) or as a switch (any compiler; CMake
// option FUSEVM_COMPUTED_GOTO=OFF). CI builds and tests both.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define FUSEVM_LIKELY(x) __builtin_expect(!!(x), 1)
#define FUSEVM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define FUSEVM_LIKELY(x) (x)
#define FUSEVM_UNLIKELY(x) (x)
#endif

#ifndef FUSEVM_COMPUTED_GOTO
#if defined(__GNUC__) || defined(__clang__)
#define FUSEVM_COMPUTED_GOTO 1
#else
#define FUSEVM_COMPUTED_GOTO 0
#endif
#endif

#if FUSEVM_COMPUTED_GOTO
// The label table has 256 entries: every op, the end sentinel, and "invalid" for the rest.
#define FUSEVM_DISPATCH() goto* kLabels[static_cast<uint8_t>(ip->op)]
#define FUSEVM_CASE(name) L_##name:
#define FUSEVM_CASE_END L_End:
#define FUSEVM_CASE_INVALID L_Invalid:
#else
#define FUSEVM_DISPATCH() goto dispatch_switch
#define FUSEVM_CASE(name) case static_cast<uint8_t>(Op::name):
#define FUSEVM_CASE_END case kEndOpcode:
#define FUSEVM_CASE_INVALID default:
#endif

/// Finishes an op: count it, step to the next instruction, dispatch.
#define FUSEVM_NEXT() \
  do {                \
    ++executed;       \
    ++ip;             \
    FUSEVM_DISPATCH(); \
  } while (0)
