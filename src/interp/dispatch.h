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

// FUSEVM_BEFORE_DISPATCH() runs before every dispatch; the loop defines it (tracing).
#if FUSEVM_COMPUTED_GOTO
// The label table covers every op and the end sentinel.
#define FUSEVM_DISPATCH()         \
  do {                            \
    FUSEVM_BEFORE_DISPATCH();     \
    goto* kLabels[static_cast<uint8_t>(ip->op)]; \
  } while (0)
#define FUSEVM_CASE(name) L_##name:
#define FUSEVM_QCASE(name) L_Q_##name:
#define FUSEVM_CASE_END L_End:
#define FUSEVM_CASE_INVALID L_Invalid:
#else
#define FUSEVM_DISPATCH()     \
  do {                        \
    FUSEVM_BEFORE_DISPATCH(); \
    goto dispatch_switch;     \
  } while (0)
#define FUSEVM_CASE(name) case static_cast<uint8_t>(Op::name):
#define FUSEVM_QCASE(name) case static_cast<uint8_t>(quick::QuickOp::name):
#define FUSEVM_CASE_END case kEndOpcode:
#define FUSEVM_CASE_INVALID default:
#endif

/// Finishes an op: step to the next instruction and dispatch. (Ops are counted per segment.)
#define FUSEVM_NEXT()  \
  do {                 \
    ++ip;              \
    FUSEVM_DISPATCH(); \
  } while (0)
