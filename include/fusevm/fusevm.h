/* fusevm.h — the C API of fusevm: a small, stable C99 interface to the chunk builder, the chunk
 * formats and the VM, for C programs and for frontends in other languages (Rust, Go, Python, Zig)
 * to bind to. It is a layer over the C++ API (vm.h, builder.h, formats.h), not a second VM.
 *
 * Conventions (docs/embedding.md has the guide):
 *  - Handles are opaque: fusevm_builder, fusevm_chunk and fusevm_vm. Whoever creates one frees it
 *    with its *_free function (NULL is accepted and ignored). No C++ type crosses this header.
 *  - Every function that can fail returns a fusevm_status; FUSEVM_OK is 0. A NULL handle or out
 *    pointer, an unknown op, a value out of range or malformed input give an error status, never
 *    a crash. Outputs go through pointer arguments, which are left untouched (or set to NULL/0,
 *    as documented) on failure. No C++ exception ever leaves a function of this header.
 *  - fusevm_last_error() is the message of the most recent failed call on the calling thread
 *    (thread-local, like errno: successful calls leave it unchanged).
 *  - Strings are byte strings with an explicit length; those handed out are also NUL-terminated.
 *  - Threads: a handle belongs to one thread at a time. The exceptions: fusevm_vm_interrupt() may
 *    be called from any thread while another runs the VM; one chunk may be given to
 *    fusevm_vm_new() by several threads at once (each VM gets a private deep copy); the global
 *    fusevm_jit_* functions and the fusevm_op_* lookups may be called from any thread.
 *
 * Versioning: FUSEVM_C_API_VERSION is bumped whenever a function, struct or enum of this header
 * changes incompatibly; fusevm_c_api_version() is the version the library was built with. Status
 * numbers and value types never change meaning; new ones are appended.
 */
#ifndef FUSEVM_FUSEVM_H
#define FUSEVM_FUSEVM_H

#include <stddef.h>
#include <stdint.h>

/** The version of this header's API. */
#define FUSEVM_C_API_VERSION 1

#if defined(__GNUC__) || defined(__clang__)
#define FUSEVM_API __attribute__((visibility("default")))
#else
#define FUSEVM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ── Status codes ─────────────────────────────────────────────────────────────────────────── */

/** What a call did. The numbers are those of the library's error table (errors.def) and stable. */
typedef enum fusevm_status {
  FUSEVM_OK = 0,
  FUSEVM_ERR_PARSE = 1,              /**< syntax error (JSON, assembly text) */
  FUSEVM_ERR_FORMAT = 2,             /**< malformed chunk */
  FUSEVM_ERR_TRUNCATED = 3,          /**< truncated input */
  FUSEVM_ERR_BAD_MAGIC = 4,          /**< not a fusevm binary chunk */
  FUSEVM_ERR_VERSION_MISMATCH = 5,   /**< unsupported binary format version */
  FUSEVM_ERR_OP_TABLE_MISMATCH = 6,  /**< chunk written for a different op table */
  FUSEVM_ERR_CHECKSUM_MISMATCH = 7,  /**< binary chunk corrupted */
  FUSEVM_ERR_LIMIT_EXCEEDED = 8,     /**< a loader or builder limit (size, nesting, pool) */
  FUSEVM_ERR_VERIFY_FAILED = 9,      /**< the verifier found errors */
  FUSEVM_ERR_IO = 10,                /**< a file could not be read or written */
  FUSEVM_ERR_OUT_OF_MEMORY = 11,
  FUSEVM_ERR_UNREPRESENTABLE = 12,   /**< a value the format cannot carry (NaN in JSON, ...) */
  FUSEVM_ERR_INVALID_ARGUMENT = 13,  /**< NULL handle, unknown op, operand out of range, misuse */
  FUSEVM_ERR_RUNTIME = 14,           /**< the program failed (a run-time error) */
  FUSEVM_ERR_STACK_UNDERFLOW = 15,
  FUSEVM_ERR_STACK_OVERFLOW = 16,    /**< fusevm_limits.max_stack */
  FUSEVM_ERR_CALL_DEPTH = 17,        /**< fusevm_limits.max_call_depth */
  FUSEVM_ERR_FUEL_EXHAUSTED = 18,    /**< fusevm_limits.fuel */
  FUSEVM_ERR_INTERRUPTED = 19,       /**< fusevm_vm_interrupt() */
  FUSEVM_ERR_MEMORY_LIMIT = 20,      /**< fusevm_limits.memory_limit */
  FUSEVM_ERR_HANDLER_FAILED = 21,    /**< a callback failed */
  FUSEVM_ERR_NOT_COMPILED = 22,      /**< the JIT declined, or is not built in */
  FUSEVM_ERR_INTERNAL = 255          /**< a bug in fusevm: please report the message */
} fusevm_status;

/** The status's identifier, e.g. "ParseError" ("Unknown" for numbers not listed above). */
FUSEVM_API const char* fusevm_status_name(fusevm_status status);

/** The message of the most recent call on this thread that did not return FUSEVM_OK, naming what
 * failed and where ("prog.fvm:3:7: unknown op 'Frob'"); "" if none has failed. Valid until the
 * next failing call on this thread. */
FUSEVM_API const char* fusevm_last_error(void);

/** The library's version, e.g. "0.1.0". */
FUSEVM_API const char* fusevm_version(void);
/** The FUSEVM_C_API_VERSION the library was built with; compare with the header's. */
FUSEVM_API int fusevm_c_api_version(void);

/** Frees memory this API returned to the caller (fusevm_chunk_save). NULL is ignored. */
FUSEVM_API void fusevm_free(void* data);

/* ── Handles ──────────────────────────────────────────────────────────────────────────────── */

typedef struct fusevm_builder fusevm_builder; /**< builds a chunk op by op */
typedef struct fusevm_chunk fusevm_chunk;     /**< compiled code; immutable once created */
typedef struct fusevm_vm fusevm_vm;           /**< a VM with its own copy of a chunk */

/* ── Values ───────────────────────────────────────────────────────────────────────────────── */

/** The ten value variants, in the VM's order. */
typedef enum fusevm_type {
  FUSEVM_TYPE_UNDEF = 0,
  FUSEVM_TYPE_BOOL = 1,
  FUSEVM_TYPE_INT = 2,
  FUSEVM_TYPE_FLOAT = 3,
  FUSEVM_TYPE_STR = 4,
  FUSEVM_TYPE_ARRAY = 5,
  FUSEVM_TYPE_HASH = 6,
  FUSEVM_TYPE_STATUS = 7,
  FUSEVM_TYPE_REF = 8,
  FUSEVM_TYPE_NATIVE_FN = 9
} fusevm_type;

/** A value as C sees it: a flat view, not a handle (nothing to free).
 *
 *  type       i                       f       str / len
 *  UNDEF      0                       0       NULL / 0
 *  BOOL       0 or 1                  0       NULL / 0
 *  INT        the integer             0       NULL / 0
 *  FLOAT      0                       the number  NULL / 0
 *  STR        0                       0       the bytes (NUL-terminated) / their count
 *  ARRAY      element count           0       the value as JSON, e.g. {"Array":[{"Int":1}]}
 *  HASH       entry count             0       the value as JSON ({"Hash":{...}}, keys sorted)
 *  REF        0                       0       the value as JSON ({"Ref":...})
 *  STATUS     the status code         0       NULL / 0
 *  NATIVE_FN  the builtin id          0       NULL / 0
 *
 * Views the API fills in point into memory owned by the VM: inside a callback they stay valid
 * until the callback returns; outside, until the next fusevm_vm_run, fusevm_vm_reset* or
 * fusevm_vm_free of that VM. The JSON of containers is for reading (NaN and infinities appear as
 * the strings "NaN", "inf", "-inf"; invalid UTF-8 as U+FFFD).
 *
 * Views the caller passes in (fusevm_vm_push, fusevm_builder_add_constant, ...) are read for the
 * fields their type uses; str may be NULL when len is 0. ARRAY, HASH and REF cannot be passed in
 * (use fusevm_vm_push_array, or build containers with ops). */
typedef struct fusevm_value {
  fusevm_type type;
  int64_t i;
  double f;
  const char* str;
  size_t len;
} fusevm_value;

/* ── Ops ──────────────────────────────────────────────────────────────────────────────────── */

/** Every op of the VM: FUSEVM_OP_LoadInt, FUSEVM_OP_Add, ... (ops.def documents each one). The
 * numbers are this library's op table: a binding that does not compile against this header
 * should look ops up by name with fusevm_op_from_name(). */
typedef enum fusevm_op {
#define FUSEVM_OP(name, operands, effect, flags, doc) FUSEVM_OP_##name,
#include "fusevm/ops.def"
#undef FUSEVM_OP
  FUSEVM_OP_COUNT_
} fusevm_op;

/** The op with this exact (case-sensitive) name, e.g. "SlotLtIntJumpIfFalse". */
FUSEVM_API fusevm_status fusevm_op_from_name(const char* name, int* out_op);
/** The name of op number `op` (a static string). */
FUSEVM_API fusevm_status fusevm_op_name(int op, const char** out_name);
/** How many operands op number `op` takes (0 to 4). */
FUSEVM_API fusevm_status fusevm_op_operand_count(int op, size_t* out_count);

/* ── Chunk builder ────────────────────────────────────────────────────────────────────────── */

/** A new, empty builder. Fusion (fuse.h) is on. */
FUSEVM_API fusevm_status fusevm_builder_new(fusevm_builder** out_builder);
FUSEVM_API void fusevm_builder_free(fusevm_builder* builder);
/** The source name used in error messages ("calc.src:3 (ip 7, Div): division by zero"). */
FUSEVM_API fusevm_status fusevm_builder_set_source(fusevm_builder* builder, const char* source);
/** Whether fusevm_builder_build() fuses op sequences into superinstructions (default 1). */
FUSEVM_API fusevm_status fusevm_builder_set_fusion(fusevm_builder* builder, int on);
/** The index of a name (a global, a sub, a host-facing name), added the first time it is seen. */
FUSEVM_API fusevm_status fusevm_builder_add_name(fusevm_builder* builder, const char* name,
                                                 uint16_t* out_index);
/** Appends a constant (for LoadConst); no deduplication. At most 65536 constants. */
FUSEVM_API fusevm_status fusevm_builder_add_constant(fusevm_builder* builder,
                                                     const fusevm_value* value,
                                                     uint16_t* out_index);
/** Appends op `op` with its integer operands (`count` must be the op's operand count; each must
 * fit its operand's width, e.g. 0..65535 for a constant index) and its source line.
 * `out_index` (may be NULL) receives the op's index, for jumps and patching. An op whose operand
 * is a float (LoadFloat) takes it converted from the integer; use fusevm_builder_emit_float for
 * other values. */
FUSEVM_API fusevm_status fusevm_builder_emit(fusevm_builder* builder, int op,
                                             const int64_t* operands, size_t count, uint32_t line,
                                             size_t* out_index);
/** Appends an op whose one operand is a float (LoadFloat). */
FUSEVM_API fusevm_status fusevm_builder_emit_float(fusevm_builder* builder, int op, double operand,
                                                   uint32_t line, size_t* out_index);
/** The index the next emitted op will get. */
FUSEVM_API fusevm_status fusevm_builder_current_pos(const fusevm_builder* builder,
                                                    size_t* out_pos);
/** Sets the jump target of the op at `op_index` (any op with a target operand). */
FUSEVM_API fusevm_status fusevm_builder_patch_jump(fusevm_builder* builder, size_t op_index,
                                                   size_t target);
/** Declares that calls to the name at `name_index` start at op `ip` (a sub). */
FUSEVM_API fusevm_status fusevm_builder_add_sub_entry(fusevm_builder* builder, uint16_t name_index,
                                                      size_t ip);
/** Adds a block range [start, end) for the block ops (MapBlock, ...). */
FUSEVM_API fusevm_status fusevm_builder_add_block_range(fusevm_builder* builder, size_t start,
                                                        size_t end, uint16_t* out_index);
/** Adds a copy of `sub` as a nested chunk (run by shell hosts: command substitution, traps). */
FUSEVM_API fusevm_status fusevm_builder_add_sub_chunk(fusevm_builder* builder,
                                                      const fusevm_chunk* sub,
                                                      uint16_t* out_index);
/** Finishes the chunk (fusing it unless disabled) into a new handle. The builder is empty
 * afterwards and may be reused; it must still be freed. */
FUSEVM_API fusevm_status fusevm_builder_build(fusevm_builder* builder, fusevm_chunk** out_chunk);

/* ── Chunks: the three formats ────────────────────────────────────────────────────────────── */

/** The chunk formats (docs/formats.md). */
typedef enum fusevm_format {
  FUSEVM_FORMAT_JSON = 0,    /**< the original fusevm's serde JSON (.json) */
  FUSEVM_FORMAT_BINARY = 1,  /**< the checksummed, versioned binary format (.fbc) */
  FUSEVM_FORMAT_TEXT = 2     /**< assembly text (.fvm) */
} fusevm_format;

/** Loads a chunk from `len` bytes in format `format`. Input is treated as hostile: bad bytes give
 * an error naming what and where, never a crash. `source_name` (may be NULL) names the input in
 * assembly error messages. `*out_chunk` is NULL on failure. The chunk is not verified here. */
FUSEVM_API fusevm_status fusevm_chunk_load(const void* data, size_t len, fusevm_format format,
                                           const char* source_name, fusevm_chunk** out_chunk);
/** Loads a chunk from a file in the format its extension names (.json, .fbc, .fvm). */
FUSEVM_API fusevm_status fusevm_chunk_load_file(const char* path, fusevm_chunk** out_chunk);
/** Writes a chunk in `format` to a new buffer of `*out_len` bytes (followed by a NUL byte that is
 * not counted) which the caller frees with fusevm_free(). */
FUSEVM_API fusevm_status fusevm_chunk_save(const fusevm_chunk* chunk, fusevm_format format,
                                           void** out_data, size_t* out_len);
/** Writes a chunk to a file (atomically) in the format its extension names. */
FUSEVM_API fusevm_status fusevm_chunk_save_file(const fusevm_chunk* chunk, const char* path);
/** Runs the verifier: FUSEVM_OK, or FUSEVM_ERR_VERIFY_FAILED with every error in the message
 * (one per line). Warnings do not fail it. VMs verify a chunk before its first run anyway. */
FUSEVM_API fusevm_status fusevm_chunk_verify(const fusevm_chunk* chunk);
/** The number of ops in the chunk. */
FUSEVM_API fusevm_status fusevm_chunk_op_count(const fusevm_chunk* chunk, size_t* out_count);
/** A new handle holding a deep copy. */
FUSEVM_API fusevm_status fusevm_chunk_clone(const fusevm_chunk* chunk, fusevm_chunk** out_chunk);
FUSEVM_API void fusevm_chunk_free(fusevm_chunk* chunk);

/* ── VMs ──────────────────────────────────────────────────────────────────────────────────── */

/** What one run may do; each limit stops the run with its own error status. */
typedef struct fusevm_limits {
  uint64_t fuel;            /**< instructions per run; 0 = no limit */
  uint64_t max_stack;       /**< values on the stack, all frames together */
  uint32_t max_call_depth;  /**< nested frames */
  uint64_t memory_limit;    /**< bytes of strings and containers alive; 0 = no limit */
} fusevm_limits;

/** Fills `out` with the defaults (no fuel limit, 1M stack values, depth 10000, no memory cap). */
FUSEVM_API fusevm_status fusevm_limits_init(fusevm_limits* out);

/** How the last run ended. */
typedef enum fusevm_outcome {
  FUSEVM_OUTCOME_NONE = 0,    /**< no run since the VM was created or reset */
  FUSEVM_OUTCOME_OK = 1,      /**< ended with a value (the top of the stack) */
  FUSEVM_OUTCOME_HALTED = 2,  /**< ended with an empty stack */
  FUSEVM_OUTCOME_ERROR = 3    /**< failed; the status and message say why */
} fusevm_outcome;

/** A new VM running a private deep copy of `chunk`; `limits` may be NULL for the defaults.
 * The chunk handle stays the caller's. */
FUSEVM_API fusevm_status fusevm_vm_new(const fusevm_chunk* chunk, const fusevm_limits* limits,
                                       fusevm_vm** out_vm);
/** Frees a VM. Not from inside one of its own callbacks. */
FUSEVM_API void fusevm_vm_free(fusevm_vm* vm);

/** Runs the chunk (verifying it on the first run). Returns FUSEVM_OK when the run ended with a
 * value or halted, else the run's error status (FUSEVM_ERR_RUNTIME, FUSEVM_ERR_FUEL_EXHAUSTED,
 * ...) with fusevm_last_error() saying what and where: "calc:3 (ip 7, Div): division by zero".
 * `out_outcome` may be NULL. After an error the VM does not run again until it is reset. Not
 * from inside one of its own callbacks. */
FUSEVM_API fusevm_status fusevm_vm_run(fusevm_vm* vm, fusevm_outcome* out_outcome);
/** The last run's outcome. */
FUSEVM_API fusevm_status fusevm_vm_outcome(const fusevm_vm* vm, fusevm_outcome* out_outcome);
/** The last run's value (UNDEF unless the outcome is OK). */
FUSEVM_API fusevm_status fusevm_vm_result(fusevm_vm* vm, fusevm_value* out_value);
/** The last run's error message, "" unless the outcome is ERROR. Valid until the next run,
 * reset or free. */
FUSEVM_API fusevm_status fusevm_vm_error(const fusevm_vm* vm, const char** out_message);
/** Runs the same chunk again from the start: clears the stack, frames, globals and the outcome;
 * keeps callbacks, output and limits. */
FUSEVM_API fusevm_status fusevm_vm_reset(fusevm_vm* vm);
/** As fusevm_vm_reset, with a private copy of another chunk. */
FUSEVM_API fusevm_status fusevm_vm_reset_chunk(fusevm_vm* vm, const fusevm_chunk* chunk);

FUSEVM_API fusevm_status fusevm_vm_set_limits(fusevm_vm* vm, const fusevm_limits* limits);
FUSEVM_API fusevm_status fusevm_vm_get_limits(const fusevm_vm* vm, fusevm_limits* out_limits);
/** Asks a running VM to stop (status FUSEVM_ERR_INTERRUPTED) at its next taken jump or call.
 * The one function that may be called from any thread while another runs the VM. */
FUSEVM_API fusevm_status fusevm_vm_interrupt(fusevm_vm* vm);

/** Counters of the last run. */
typedef struct fusevm_stats {
  uint64_t ops_executed;   /**< instructions run */
  uint64_t peak_memory;    /**< highest bytes alive (measured when a memory limit is set) */
  uint64_t jit_entries;    /**< times the run entered native code (0 without the JIT) */
  uint64_t jit_exits;      /**< times native code handed the run back to the interpreter */
  uint64_t jit_ops;        /**< of ops_executed, those run as native code */
  uint64_t trace_entries;  /**< of jit_entries, those into traces */
  uint64_t trace_exits;    /**< guard exits of traces */
  uint64_t trace_ops;      /**< of jit_ops, those run by traces */
} fusevm_stats;
FUSEVM_API fusevm_status fusevm_vm_stats(const fusevm_vm* vm, fusevm_stats* out_stats);
/** Whether this VM may use the JIT (default 1; results are the same either way). */
FUSEVM_API fusevm_status fusevm_vm_set_jit(fusevm_vm* vm, int on);

/* ── Callbacks ────────────────────────────────────────────────────────────────────────────── */

/** A builtin, for `CallBuiltin id argc`. It pops its `argc` arguments (the last one is on top)
 * with fusevm_vm_pop*, pushes at most one result with fusevm_vm_push* (none means UNDEF) and
 * returns FUSEVM_OK. Any other status fails the run (with the message given to fusevm_vm_fail,
 * or one naming the builtin). Popping more or fewer than argc values, or pushing more than one,
 * fails the run too. `user` is the pointer given at registration. */
typedef fusevm_status (*fusevm_builtin_fn)(fusevm_vm* vm, uint8_t argc, void* user);
/** The handler of `Extended id arg`: it does all the stack work the op means itself. */
typedef fusevm_status (*fusevm_extension_fn)(fusevm_vm* vm, uint16_t id, uint8_t arg, void* user);
/** The handler of `ExtendedWide id payload` (ids outside the awk range 40000..40999). */
typedef fusevm_status (*fusevm_extension_wide_fn)(fusevm_vm* vm, uint16_t id, uint64_t payload,
                                                  void* user);
/** Receives what Print and PrintLn write (`len` bytes, not NUL-terminated). */
typedef void (*fusevm_output_fn)(const char* data, size_t len, void* user);

/** Registers builtin `id` (replacing any earlier one); `fn` NULL removes it. */
FUSEVM_API fusevm_status fusevm_vm_register_builtin(fusevm_vm* vm, uint16_t id,
                                                    fusevm_builtin_fn fn, void* user);
/** Sets the handler of Extended ops; `fn` NULL removes it. */
FUSEVM_API fusevm_status fusevm_vm_set_extension_handler(fusevm_vm* vm, fusevm_extension_fn fn,
                                                         void* user);
/** Sets the handler of ExtendedWide ops; `fn` NULL removes it. */
FUSEVM_API fusevm_status fusevm_vm_set_extension_wide_handler(fusevm_vm* vm,
                                                              fusevm_extension_wide_fn fn,
                                                              void* user);
/** Where output goes; `fn` NULL restores the default (the process's stdout). */
FUSEVM_API fusevm_status fusevm_vm_set_output(fusevm_vm* vm, fusevm_output_fn fn, void* user);
/** Inside a callback: makes the run fail with `message` (and its location) once the callback
 * returns, whatever it returns. */
FUSEVM_API fusevm_status fusevm_vm_fail(fusevm_vm* vm, const char* message);

/* ── The stack and globals (for callbacks, and between runs) ──────────────────────────────── */

/** Values on the current frame's part of the stack. */
FUSEVM_API fusevm_status fusevm_vm_stack_size(const fusevm_vm* vm, size_t* out_size);
FUSEVM_API fusevm_status fusevm_vm_push(fusevm_vm* vm, const fusevm_value* value);
FUSEVM_API fusevm_status fusevm_vm_push_int(fusevm_vm* vm, int64_t value);
FUSEVM_API fusevm_status fusevm_vm_push_float(fusevm_vm* vm, double value);
FUSEVM_API fusevm_status fusevm_vm_push_string(fusevm_vm* vm, const char* data, size_t len);
/** Pops `count` values and pushes one array of them (the deepest first). */
FUSEVM_API fusevm_status fusevm_vm_push_array(fusevm_vm* vm, size_t count);
/** Pops the top value of the current frame into `out_value` (may be NULL to drop it). An empty
 * frame gives FUSEVM_ERR_STACK_UNDERFLOW and changes nothing. */
FUSEVM_API fusevm_status fusevm_vm_pop(fusevm_vm* vm, fusevm_value* out_value);
/** Pops a value converted to an integer (the VM's rules: "12" -> 12, 2.9 -> 2, "x" -> 0). */
FUSEVM_API fusevm_status fusevm_vm_pop_int(fusevm_vm* vm, int64_t* out_value);
/** Pops a value converted to a float. */
FUSEVM_API fusevm_status fusevm_vm_pop_float(fusevm_vm* vm, double* out_value);
/** Pops a value converted to its text (NUL-terminated; valid as a view's string is). */
FUSEVM_API fusevm_status fusevm_vm_pop_string(fusevm_vm* vm, const char** out_data,
                                              size_t* out_len);
/** The top value of the current frame, without popping it. */
FUSEVM_API fusevm_status fusevm_vm_peek(fusevm_vm* vm, fusevm_value* out_value);
/** The global at `index` (a name-pool index: fusevm_builder_add_name); UNDEF if never set. */
FUSEVM_API fusevm_status fusevm_vm_get_global(fusevm_vm* vm, size_t index, fusevm_value* out_value);
/** Sets a global; set globals before a run survive until the next reset. */
FUSEVM_API fusevm_status fusevm_vm_set_global(fusevm_vm* vm, size_t index,
                                              const fusevm_value* value);

/* ── The JIT (process-wide) ───────────────────────────────────────────────────────────────── */

/** 1 if the library was built with the JIT (x86-64, FUSEVM_JIT=ON), else 0. */
FUSEVM_API int fusevm_jit_available(void);

/** Process-wide JIT counters since the last fusevm_jit_reset_stats(). All zero without the JIT. */
typedef struct fusevm_jit_stats {
  uint64_t compiles_linear;
  uint64_t compiles_block;
  uint64_t compiles_trace;
  uint64_t compile_failures;   /**< entries the JIT declined */
  uint64_t compile_ns;         /**< time spent compiling or loading from the disk cache */
  uint64_t trace_recordings;
  uint64_t trace_aborts;
  uint64_t trace_entries;
  uint64_t trace_exits;
  uint64_t trace_side_exits;
  uint64_t native_bytes;       /**< machine code produced */
  uint64_t native_entries;     /**< times a VM entered native code */
  uint64_t native_exits;       /**< times native code handed a run back mid-way */
  uint64_t memory_hits;        /**< code found already compiled in this process */
  uint64_t disk_hits;          /**< code loaded from the cache directory */
} fusevm_jit_stats;
FUSEVM_API fusevm_status fusevm_jit_get_stats(fusevm_jit_stats* out_stats);
FUSEVM_API fusevm_status fusevm_jit_reset_stats(void);
/** The JIT's code-cache directory: a path, "" to turn the disk cache off, or NULL for the
 * environment's choice (FUSEVM_JIT_CACHE_DIR, then $XDG_CACHE_HOME/fusevm-jit). Without the JIT
 * it is accepted and ignored. */
FUSEVM_API fusevm_status fusevm_jit_set_cache_dir(const char* dir);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* FUSEVM_FUSEVM_H */
