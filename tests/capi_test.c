/* The C API's test, written in C99 (compiled with -std=c99 -Wall -Wextra -pedantic -Werror): every
 * function of fusevm.h is called here, on its success path and on its error paths (NULL handles,
 * bad bytes, misuse), and each result is checked. Usage: fusevm_capi_test SCRATCH_DIR EXPECT_JIT.
 * Prints "capi: N checks passed" and exits 0, or lists each failed check and exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fusevm/fusevm.h"

static int g_checks = 0;
static int g_failures = 0;

#define CHECK(cond)                                                                   \
  do {                                                                                \
    ++g_checks;                                                                       \
    if (!(cond)) {                                                                    \
      ++g_failures;                                                                   \
      fprintf(stderr, "%s:%d: check failed: %s (last error: %s)\n", __FILE__, __LINE__, \
              #cond, fusevm_last_error());                                            \
    }                                                                                 \
  } while (0)

/* A status and, for errors, the last-error message containing `text`. */
#define CHECK_ERR(expr, status, text)                                  \
  do {                                                                 \
    fusevm_status check_err_s_ = (expr);                               \
    CHECK(check_err_s_ == (status));                                   \
    CHECK(strstr(fusevm_last_error(), (text)) != NULL);                \
  } while (0)

static fusevm_chunk* assemble(const char* text) {
  fusevm_chunk* chunk = NULL;
  fusevm_status s = fusevm_chunk_load(text, strlen(text), FUSEVM_FORMAT_TEXT, "test.fvm", &chunk);
  CHECK(s == FUSEVM_OK);
  if (s != FUSEVM_OK) {
    fprintf(stderr, "cannot assemble:\n%s\n", text);
    exit(1);
  }
  return chunk;
}

static int op(const char* name) {
  int n = -1;
  CHECK(fusevm_op_from_name(name, &n) == FUSEVM_OK);
  return n;
}

/* ── Library identity and ops ── */

static void test_meta(void) {
  const char* name = NULL;
  size_t count = 99;
  int n = -1;

  CHECK(fusevm_version() != NULL && strlen(fusevm_version()) >= 5);
  CHECK(fusevm_c_api_version() == FUSEVM_C_API_VERSION);
  CHECK(strcmp(fusevm_status_name(FUSEVM_OK), "Ok") == 0);
  CHECK(strcmp(fusevm_status_name(FUSEVM_ERR_PARSE), "ParseError") == 0);
  CHECK(strcmp(fusevm_status_name(FUSEVM_ERR_NOT_COMPILED), "NotCompiled") == 0);
  CHECK(strcmp(fusevm_status_name(FUSEVM_ERR_INTERNAL), "Internal") == 0);
  CHECK(strcmp(fusevm_status_name((fusevm_status)77), "Unknown") == 0);
  fusevm_free(NULL);

  CHECK(fusevm_op_from_name("LoadInt", &n) == FUSEVM_OK && n == FUSEVM_OP_LoadInt);
  CHECK(fusevm_op_from_name("SlotLtIntJumpIfFalse", &n) == FUSEVM_OK &&
        n == FUSEVM_OP_SlotLtIntJumpIfFalse);
  CHECK_ERR(fusevm_op_from_name("Frob", &n), FUSEVM_ERR_INVALID_ARGUMENT, "unknown op 'Frob'");
  CHECK_ERR(fusevm_op_from_name(NULL, &n), FUSEVM_ERR_INVALID_ARGUMENT, "name is NULL");
  CHECK_ERR(fusevm_op_from_name("Add", NULL), FUSEVM_ERR_INVALID_ARGUMENT, "out_op is NULL");
  CHECK(fusevm_op_name(FUSEVM_OP_Add, &name) == FUSEVM_OK && strcmp(name, "Add") == 0);
  CHECK_ERR(fusevm_op_name(-1, &name), FUSEVM_ERR_INVALID_ARGUMENT, "no op has number -1");
  CHECK_ERR(fusevm_op_name(FUSEVM_OP_COUNT_, &name), FUSEVM_ERR_INVALID_ARGUMENT, "no op");
  CHECK(fusevm_op_name(FUSEVM_OP_Add, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_op_operand_count(FUSEVM_OP_Call, &count) == FUSEVM_OK && count == 2);
  CHECK(fusevm_op_operand_count(FUSEVM_OP_Add, &count) == FUSEVM_OK && count == 0);
  CHECK(fusevm_op_operand_count(100000, &count) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_op_operand_count(FUSEVM_OP_Add, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
}

/* ── Builder ── */

/* sum of i*scale for i in 0..n-1 through a sub `scaled(i)`, plus constants of every kind. */
static fusevm_chunk* build_program(int fusion, size_t* emitted) {
  fusevm_builder* b = NULL;
  fusevm_chunk* chunk = NULL;
  fusevm_chunk* sub = NULL;
  uint16_t scaled = 0, again = 0, k_str = 0, k_float = 0, k_other = 0, block = 0, sub_index = 0;
  size_t top = 0, exit_jump = 0, entry = 0, pos = 0, n_ops = 0;
  fusevm_value v;
  int64_t a[2];

  CHECK(fusevm_builder_new(&b) == FUSEVM_OK && b != NULL);
  CHECK(fusevm_builder_set_source(b, "built.c") == FUSEVM_OK);
  CHECK(fusevm_builder_set_fusion(b, fusion) == FUSEVM_OK);
  CHECK(fusevm_builder_add_name(b, "scaled", &scaled) == FUSEVM_OK && scaled == 0);
  CHECK(fusevm_builder_add_name(b, "other", &again) == FUSEVM_OK && again == 1);
  CHECK(fusevm_builder_add_name(b, "scaled", &again) == FUSEVM_OK && again == 0); /* interned */

  memset(&v, 0, sizeof v);
  v.type = FUSEVM_TYPE_STR;
  v.str = "total=";
  v.len = 6;
  CHECK(fusevm_builder_add_constant(b, &v, &k_str) == FUSEVM_OK && k_str == 0);
  v.type = FUSEVM_TYPE_FLOAT;
  v.f = 0.5;
  CHECK(fusevm_builder_add_constant(b, &v, &k_float) == FUSEVM_OK && k_float == 1);
  v.type = FUSEVM_TYPE_BOOL;
  v.i = 1;
  CHECK(fusevm_builder_add_constant(b, &v, &k_other) == FUSEVM_OK && k_other == 2);
  v.type = FUSEVM_TYPE_STATUS;
  v.i = 3;
  CHECK(fusevm_builder_add_constant(b, &v, &k_other) == FUSEVM_OK);
  v.type = FUSEVM_TYPE_NATIVE_FN;
  v.i = 7;
  CHECK(fusevm_builder_add_constant(b, &v, &k_other) == FUSEVM_OK);
  v.type = FUSEVM_TYPE_UNDEF;
  CHECK(fusevm_builder_add_constant(b, &v, &k_other) == FUSEVM_OK);
  v.type = FUSEVM_TYPE_INT;
  v.i = 3;
  CHECK(fusevm_builder_add_constant(b, &v, &k_other) == FUSEVM_OK && k_other == 6);
  /* What a view cannot carry. */
  v.type = FUSEVM_TYPE_ARRAY;
  CHECK_ERR(fusevm_builder_add_constant(b, &v, &k_other), FUSEVM_ERR_INVALID_ARGUMENT, "containers");
  v.type = FUSEVM_TYPE_STR;
  v.str = NULL;
  v.len = 3;
  CHECK_ERR(fusevm_builder_add_constant(b, &v, &k_other), FUSEVM_ERR_INVALID_ARGUMENT, "str NULL");
  v.type = FUSEVM_TYPE_NATIVE_FN;
  v.i = 70000;
  CHECK(fusevm_builder_add_constant(b, &v, &k_other) == FUSEVM_ERR_INVALID_ARGUMENT);
  v.type = (fusevm_type)42;
  CHECK_ERR(fusevm_builder_add_constant(b, &v, &k_other), FUSEVM_ERR_INVALID_ARGUMENT,
            "unknown value type 42");

  /* slot 0 = sum, slot 1 = i */
  a[0] = 0;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_LoadInt, a, 1, 1, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_SetSlot, a, 1, 1, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_LoadInt, a, 1, 2, NULL) == FUSEVM_OK);
  a[0] = 1;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_SetSlot, a, 1, 2, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_current_pos(b, &top) == FUSEVM_OK && top == 4);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_GetSlot, a, 1, 3, NULL) == FUSEVM_OK);
  a[0] = 10;
  CHECK(fusevm_builder_emit(b, op("LoadInt"), a, 1, 3, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_NumLt, NULL, 0, 3, NULL) == FUSEVM_OK);
  a[0] = 0;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_JumpIfFalse, a, 1, 3, &exit_jump) == FUSEVM_OK &&
        exit_jump == 7);
  a[0] = 0;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_GetSlot, a, 1, 4, NULL) == FUSEVM_OK);
  a[0] = 1;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_GetSlot, a, 1, 4, NULL) == FUSEVM_OK);
  a[0] = scaled;
  a[1] = 1;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Call, a, 2, 4, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Add, NULL, 0, 4, NULL) == FUSEVM_OK);
  a[0] = 0;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_SetSlot, a, 1, 4, NULL) == FUSEVM_OK);
  a[0] = 1;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_GetSlot, a, 1, 5, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Inc, NULL, 0, 5, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_SetSlot, a, 1, 5, NULL) == FUSEVM_OK);
  a[0] = (int64_t)top;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Jump, a, 1, 5, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_current_pos(b, &pos) == FUSEVM_OK);
  CHECK(fusevm_builder_patch_jump(b, exit_jump, pos) == FUSEVM_OK);
  /* print "total=" . sum; leave sum + 0.5 * 2 on the stack */
  a[0] = k_str;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_LoadConst, a, 1, 6, NULL) == FUSEVM_OK);
  a[0] = 0;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_GetSlot, a, 1, 6, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Concat, NULL, 0, 6, NULL) == FUSEVM_OK);
  a[0] = 1;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_PrintLn, a, 1, 6, NULL) == FUSEVM_OK);
  a[0] = 0;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_GetSlot, a, 1, 7, NULL) == FUSEVM_OK);
  a[0] = k_float;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_LoadConst, a, 1, 7, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit_float(b, FUSEVM_OP_LoadFloat, 2.0, 7, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Mul, NULL, 0, 7, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Add, NULL, 0, 7, NULL) == FUSEVM_OK);
  a[0] = 0;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Jump, a, 1, 7, &pos) == FUSEVM_OK);
  /* sub scaled(i) = i * 3 */
  CHECK(fusevm_builder_current_pos(b, &entry) == FUSEVM_OK);
  CHECK(fusevm_builder_patch_jump(b, pos, entry + 4) == FUSEVM_OK); /* jump over the sub */
  CHECK(fusevm_builder_add_sub_entry(b, scaled, entry) == FUSEVM_OK);
  a[0] = 3;
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_LoadInt, a, 1, 8, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Mul, NULL, 0, 8, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_ReturnValue, NULL, 0, 8, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_emit(b, FUSEVM_OP_Nop, NULL, 0, 8, NULL) == FUSEVM_OK);
  CHECK(fusevm_builder_current_pos(b, &n_ops) == FUSEVM_OK && n_ops == entry + 4);

  /* Misuse is refused with a message and changes nothing. */
  a[0] = 70000;
  CHECK_ERR(fusevm_builder_emit(b, FUSEVM_OP_LoadConst, a, 1, 9, NULL),
            FUSEVM_ERR_INVALID_ARGUMENT, "LoadConst operand 0 (Const): 70000 does not fit");
  a[0] = -1;
  CHECK_ERR(fusevm_builder_emit(b, FUSEVM_OP_Jump, a, 1, 9, NULL), FUSEVM_ERR_INVALID_ARGUMENT,
            "does not fit");
  CHECK_ERR(fusevm_builder_emit(b, FUSEVM_OP_Add, a, 1, 9, NULL), FUSEVM_ERR_INVALID_ARGUMENT,
            "Add takes 0 operand(s), not 1");
  CHECK_ERR(fusevm_builder_emit(b, FUSEVM_OP_LoadInt, NULL, 1, 9, NULL),
            FUSEVM_ERR_INVALID_ARGUMENT, "operands is NULL");
  CHECK_ERR(fusevm_builder_emit(b, 9999, NULL, 0, 9, NULL), FUSEVM_ERR_INVALID_ARGUMENT,
            "no op has number 9999");
  CHECK_ERR(fusevm_builder_emit_float(b, FUSEVM_OP_Add, 1.0, 9, NULL), FUSEVM_ERR_INVALID_ARGUMENT,
            "does not take one float operand");
  CHECK(fusevm_builder_emit_float(b, -3, 1.0, 9, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK_ERR(fusevm_builder_patch_jump(b, 1, 0), FUSEVM_ERR_INVALID_ARGUMENT, "patch_jump");
  CHECK_ERR(fusevm_builder_patch_jump(b, 5000, 0), FUSEVM_ERR_INVALID_ARGUMENT, "patch_jump");
  CHECK(fusevm_builder_current_pos(b, &pos) == FUSEVM_OK && pos == n_ops);

  /* A block range and a nested chunk (not run here: no op refers to them). */
  CHECK(fusevm_builder_add_block_range(b, 0, 1, &block) == FUSEVM_OK && block == 0);
  sub = assemble("LoadInt 1\n");
  CHECK(fusevm_builder_add_sub_chunk(b, sub, &sub_index) == FUSEVM_OK && sub_index == 0);
  fusevm_chunk_free(sub); /* the builder took a copy */

  CHECK(fusevm_builder_build(b, &chunk) == FUSEVM_OK && chunk != NULL);
  /* The builder is empty again and reusable; its fusion setting stays. */
  CHECK(fusevm_builder_current_pos(b, &pos) == FUSEVM_OK && pos == 0);
  fusevm_builder_free(b);
  fusevm_builder_free(NULL);
  *emitted = n_ops;
  return chunk;
}

static void test_builder_null_handles(void) {
  uint16_t idx = 0;
  size_t pos = 0;
  fusevm_value v;
  fusevm_chunk* chunk = (fusevm_chunk*)&v; /* must be overwritten with NULL */
  fusevm_builder* b = NULL;
  memset(&v, 0, sizeof v);
  CHECK(fusevm_builder_new(NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_set_source(NULL, "x") == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_set_fusion(NULL, 1) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_name(NULL, "x", &idx) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_constant(NULL, &v, &idx) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_emit(NULL, FUSEVM_OP_Nop, NULL, 0, 1, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_emit_float(NULL, FUSEVM_OP_LoadFloat, 1.0, 1, NULL) ==
        FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_current_pos(NULL, &pos) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_patch_jump(NULL, 0, 0) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_sub_entry(NULL, 0, 0) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_block_range(NULL, 0, 0, &idx) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_sub_chunk(NULL, NULL, &idx) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK_ERR(fusevm_builder_build(NULL, &chunk), FUSEVM_ERR_INVALID_ARGUMENT, "builder is NULL");
  CHECK(chunk == NULL);

  CHECK(fusevm_builder_new(&b) == FUSEVM_OK);
  CHECK(fusevm_builder_set_source(b, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_name(b, NULL, &idx) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_name(b, "x", NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_constant(b, NULL, &idx) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_constant(b, &v, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_current_pos(b, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_block_range(b, 0, 0, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_add_sub_chunk(b, NULL, &idx) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_builder_build(b, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  /* An empty chunk builds and runs (halting: nothing on the stack). */
  CHECK(fusevm_builder_build(b, &chunk) == FUSEVM_OK && chunk != NULL);
  fusevm_chunk_free(chunk);
  fusevm_builder_free(b);
}

/* ── Chunks and formats ── */

static void test_formats(fusevm_chunk* chunk, const char* dir) {
  static const fusevm_format formats[3] = {FUSEVM_FORMAT_JSON, FUSEVM_FORMAT_BINARY,
                                           FUSEVM_FORMAT_TEXT};
  static const char* const exts[3] = {"json", "fbc", "fvm"};
  size_t ops = 0, ops2 = 0;
  int f;
  char path[1024];
  fusevm_chunk* copy = NULL;
  void* first = NULL;
  size_t first_len = 0;

  CHECK(fusevm_chunk_op_count(chunk, &ops) == FUSEVM_OK && ops > 0);
  CHECK(fusevm_chunk_verify(chunk) == FUSEVM_OK);

  for (f = 0; f < 3; ++f) {
    void* data = NULL;
    void* again = NULL;
    size_t len = 0, again_len = 0;
    fusevm_chunk* loaded = NULL;
    fusevm_chunk* from_file = NULL;
    CHECK(fusevm_chunk_save(chunk, formats[f], &data, &len) == FUSEVM_OK && data && len > 0);
    CHECK(((const char*)data)[len] == '\0');
    CHECK(fusevm_chunk_load(data, len, formats[f], "saved", &loaded) == FUSEVM_OK && loaded);
    CHECK(fusevm_chunk_op_count(loaded, &ops2) == FUSEVM_OK && ops2 == ops);
    /* Saving what was loaded gives the same bytes: nothing was lost on the way. */
    CHECK(fusevm_chunk_save(loaded, formats[f], &again, &again_len) == FUSEVM_OK);
    CHECK(again_len == len && memcmp(data, again, len) == 0);

    snprintf(path, sizeof path, "%s/capi_test.%s", dir, exts[f]);
    CHECK(fusevm_chunk_save_file(chunk, path) == FUSEVM_OK);
    CHECK(fusevm_chunk_load_file(path, &from_file) == FUSEVM_OK && from_file);
    CHECK(fusevm_chunk_op_count(from_file, &ops2) == FUSEVM_OK && ops2 == ops);

    fusevm_chunk_free(loaded);
    loaded = NULL;
    if (f == 1) {
      /* One flipped byte in the payload: the checksum catches it. */
      ((unsigned char*)data)[len - 1] ^= 0x5a;
      CHECK_ERR(fusevm_chunk_load(data, len, formats[f], NULL, &loaded), FUSEVM_ERR_CHECKSUM_MISMATCH,
                "checksum");
      CHECK(loaded == NULL);
      /* Truncated anywhere: an error, never a crash. */
      for (again_len = 0; again_len < len; again_len += 7) {
        fusevm_chunk* cut = NULL;
        CHECK(fusevm_chunk_load(data, again_len, formats[f], NULL, &cut) != FUSEVM_OK);
        CHECK(cut == NULL);
      }
    }
    fusevm_free(data);
    fusevm_free(again);
    fusevm_chunk_free(from_file);
  }

  /* Bad bytes in every format. */
  CHECK_ERR(fusevm_chunk_load("{\"ops\": [", 9, FUSEVM_FORMAT_JSON, NULL, &copy), FUSEVM_ERR_PARSE,
            "fusevm_chunk_load");
  CHECK(copy == NULL);
  CHECK_ERR(fusevm_chunk_load("not a binary chunk", 18, FUSEVM_FORMAT_BINARY, NULL, &copy),
            FUSEVM_ERR_BAD_MAGIC, "fusevm_chunk_load");
  CHECK_ERR(fusevm_chunk_load("  Frob 1\n", 9, FUSEVM_FORMAT_TEXT, "bad.fvm", &copy),
            FUSEVM_ERR_PARSE, "bad.fvm:1:3: unknown op 'Frob'");
  CHECK(fusevm_chunk_load("", 0, FUSEVM_FORMAT_JSON, NULL, &copy) == FUSEVM_ERR_PARSE);
  CHECK(fusevm_chunk_load(NULL, 0, FUSEVM_FORMAT_BINARY, NULL, &copy) != FUSEVM_OK);
  CHECK_ERR(fusevm_chunk_load(NULL, 5, FUSEVM_FORMAT_TEXT, NULL, &copy), FUSEVM_ERR_INVALID_ARGUMENT,
            "data is NULL");
  CHECK_ERR(fusevm_chunk_load("x", 1, (fusevm_format)9, NULL, &copy), FUSEVM_ERR_INVALID_ARGUMENT,
            "unknown format 9");
  CHECK(fusevm_chunk_load("x", 1, FUSEVM_FORMAT_TEXT, NULL, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  snprintf(path, sizeof path, "%s/does-not-exist.fbc", dir);
  CHECK_ERR(fusevm_chunk_load_file(path, &copy), FUSEVM_ERR_IO, "does-not-exist.fbc");
  snprintf(path, sizeof path, "%s/capi_test.txt", dir);
  CHECK(fusevm_chunk_load_file(path, &copy) != FUSEVM_OK && copy == NULL);
  CHECK(fusevm_chunk_save_file(chunk, path) != FUSEVM_OK); /* no format has that extension */
  CHECK(fusevm_chunk_load_file(NULL, &copy) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_chunk_load_file(path, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_chunk_save_file(NULL, path) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_chunk_save_file(chunk, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_chunk_save(NULL, FUSEVM_FORMAT_JSON, &first, &first_len) ==
        FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(first == NULL && first_len == 0);
  CHECK(fusevm_chunk_save(chunk, FUSEVM_FORMAT_JSON, NULL, &first_len) ==
        FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_chunk_save(chunk, FUSEVM_FORMAT_JSON, &first, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_chunk_save(chunk, (fusevm_format)-1, &first, &first_len) ==
        FUSEVM_ERR_INVALID_ARGUMENT);

  /* JSON cannot carry NaN: saving says so. */
  copy = assemble(".const Float nan\nLoadConst #0\n");
  CHECK_ERR(fusevm_chunk_save(copy, FUSEVM_FORMAT_JSON, &first, &first_len),
            FUSEVM_ERR_UNREPRESENTABLE, "fusevm_chunk_save");
  fusevm_chunk_free(copy);

  /* The verifier: a proven stack underflow is an error with its location. */
  copy = assemble(".source \"under.fvm\"\nPop\n");
  CHECK_ERR(fusevm_chunk_verify(copy), FUSEVM_ERR_VERIFY_FAILED, "under.fvm");
  CHECK(fusevm_chunk_verify(NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  fusevm_chunk_free(copy);

  CHECK(fusevm_chunk_clone(chunk, &copy) == FUSEVM_OK && copy != chunk);
  CHECK(fusevm_chunk_op_count(copy, &ops2) == FUSEVM_OK && ops2 == ops);
  fusevm_chunk_free(copy);
  CHECK(fusevm_chunk_clone(NULL, &copy) == FUSEVM_ERR_INVALID_ARGUMENT && copy == NULL);
  CHECK(fusevm_chunk_clone(chunk, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_chunk_op_count(NULL, &ops2) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_chunk_op_count(chunk, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  fusevm_chunk_free(NULL);
}

/* ── VMs ── */

typedef struct {
  char text[256];
  size_t len;
} capture;

static void capture_output(const char* data, size_t len, void* user) {
  capture* c = (capture*)user;
  if (c->len + len < sizeof c->text) {
    memcpy(c->text + c->len, data, len);
    c->len += len;
    c->text[c->len] = '\0';
  }
}

static void test_run(fusevm_chunk* chunk) {
  fusevm_vm* vm = NULL;
  fusevm_limits limits;
  fusevm_outcome outcome = FUSEVM_OUTCOME_ERROR;
  fusevm_value result;
  fusevm_stats stats;
  const char* message = NULL;
  capture out;
  memset(&out, 0, sizeof out);

  CHECK(fusevm_limits_init(&limits) == FUSEVM_OK);
  CHECK(limits.fuel == 0 && limits.max_stack == 1u << 20 && limits.max_call_depth == 10000 &&
        limits.memory_limit == 0);
  CHECK(fusevm_limits_init(NULL) == FUSEVM_ERR_INVALID_ARGUMENT);

  CHECK(fusevm_vm_new(chunk, NULL, &vm) == FUSEVM_OK && vm != NULL);
  CHECK(fusevm_vm_outcome(vm, &outcome) == FUSEVM_OK && outcome == FUSEVM_OUTCOME_NONE);
  CHECK(fusevm_vm_set_output(vm, capture_output, &out) == FUSEVM_OK);
  CHECK(fusevm_vm_run(vm, &outcome) == FUSEVM_OK && outcome == FUSEVM_OUTCOME_OK);
  /* sum of 3*i for i < 10 = 135; plus 0.5 * 2.0 = 136.0 */
  CHECK(fusevm_vm_result(vm, &result) == FUSEVM_OK);
  CHECK(result.type == FUSEVM_TYPE_FLOAT && result.f == 136.0);
  CHECK(strcmp(out.text, "total=135\n") == 0);
  CHECK(fusevm_vm_error(vm, &message) == FUSEVM_OK && strcmp(message, "") == 0);
  CHECK(fusevm_vm_stats(vm, &stats) == FUSEVM_OK && stats.ops_executed > 100);

  /* Run again from the start, interpreter only: the same answer. */
  CHECK(fusevm_vm_reset(vm) == FUSEVM_OK);
  CHECK(fusevm_vm_outcome(vm, &outcome) == FUSEVM_OK && outcome == FUSEVM_OUTCOME_NONE);
  CHECK(fusevm_vm_set_jit(vm, 0) == FUSEVM_OK);
  CHECK(fusevm_vm_run(vm, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_result(vm, &result) == FUSEVM_OK && result.f == 136.0);
  CHECK(fusevm_vm_stats(vm, &stats) == FUSEVM_OK && stats.jit_ops == 0);

  /* Too little fuel: its own status, the message names where, the VM is reusable after reset. */
  limits.fuel = 20;
  CHECK(fusevm_vm_set_limits(vm, &limits) == FUSEVM_OK);
  memset(&limits, 0, sizeof limits);
  CHECK(fusevm_vm_get_limits(vm, &limits) == FUSEVM_OK && limits.fuel == 20 &&
        limits.max_call_depth == 10000);
  CHECK(fusevm_vm_reset(vm) == FUSEVM_OK);
  CHECK_ERR(fusevm_vm_run(vm, &outcome), FUSEVM_ERR_FUEL_EXHAUSTED, "built.c:");
  CHECK(outcome == FUSEVM_OUTCOME_ERROR);
  CHECK(fusevm_vm_error(vm, &message) == FUSEVM_OK && strcmp(message, fusevm_last_error()) == 0);
  CHECK(fusevm_vm_result(vm, &result) == FUSEVM_OK && result.type == FUSEVM_TYPE_UNDEF);
  CHECK(fusevm_vm_run(vm, &outcome) != FUSEVM_OK); /* refuses until reset */
  limits.fuel = 0;
  limits.max_call_depth = 1; /* the sub call needs a second frame */
  CHECK(fusevm_vm_set_limits(vm, &limits) == FUSEVM_OK);
  CHECK(fusevm_vm_reset(vm) == FUSEVM_OK);
  CHECK_ERR(fusevm_vm_run(vm, NULL), FUSEVM_ERR_CALL_DEPTH, "depth");
  CHECK(fusevm_limits_init(&limits) == FUSEVM_OK);
  CHECK(fusevm_vm_set_limits(vm, &limits) == FUSEVM_OK);
  CHECK(fusevm_vm_reset(vm) == FUSEVM_OK);
  CHECK(fusevm_vm_run(vm, NULL) == FUSEVM_OK);

  /* Halted: nothing left on the stack. Another chunk through reset_chunk. */
  {
    fusevm_chunk* halts = assemble("LoadInt 1\nPop\n");
    CHECK(fusevm_vm_reset_chunk(vm, halts) == FUSEVM_OK);
    fusevm_chunk_free(halts); /* the VM took a copy */
    CHECK(fusevm_vm_run(vm, &outcome) == FUSEVM_OK && outcome == FUSEVM_OUTCOME_HALTED);
    CHECK(fusevm_vm_outcome(vm, &outcome) == FUSEVM_OK && outcome == FUSEVM_OUTCOME_HALTED);
    CHECK(fusevm_vm_result(vm, &result) == FUSEVM_OK && result.type == FUSEVM_TYPE_UNDEF);
  }
  /* A run-time error names the source line and op. */
  {
    fusevm_chunk* bad = assemble(".source \"call.fvm\"\nLoadInt 1\nCall nosuch 0\n");
    CHECK(fusevm_vm_reset_chunk(vm, bad) == FUSEVM_OK);
    fusevm_chunk_free(bad);
    CHECK_ERR(fusevm_vm_run(vm, NULL), FUSEVM_ERR_RUNTIME, "call.fvm:3 (ip 1, Call)");
  }
  /* A chunk the verifier refuses does not run. */
  {
    fusevm_chunk* bad = assemble("Pop\n");
    CHECK(fusevm_vm_reset_chunk(vm, bad) == FUSEVM_OK);
    fusevm_chunk_free(bad);
    CHECK(fusevm_vm_run(vm, &outcome) != FUSEVM_OK && outcome == FUSEVM_OUTCOME_ERROR);
  }
  /* Output back to stdout (the default). */
  CHECK(fusevm_vm_set_output(vm, NULL, NULL) == FUSEVM_OK);
  fusevm_vm_free(vm);

  /* NULL handles and out pointers. */
  CHECK(fusevm_vm_new(NULL, NULL, &vm) == FUSEVM_ERR_INVALID_ARGUMENT && vm == NULL);
  CHECK(fusevm_vm_new(chunk, NULL, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_run(NULL, &outcome) == FUSEVM_ERR_INVALID_ARGUMENT &&
        outcome == FUSEVM_OUTCOME_NONE);
  CHECK(fusevm_vm_outcome(NULL, &outcome) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_result(NULL, &result) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_error(NULL, &message) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_reset(NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_reset_chunk(NULL, chunk) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_set_limits(NULL, &limits) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_get_limits(NULL, &limits) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_interrupt(NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_stats(NULL, &stats) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_set_jit(NULL, 1) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_set_output(NULL, NULL, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_register_builtin(NULL, 1, NULL, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_set_extension_handler(NULL, NULL, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_set_extension_wide_handler(NULL, NULL, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_fail(NULL, "x") == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_new(chunk, NULL, &vm) == FUSEVM_OK);
  CHECK(fusevm_vm_outcome(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_result(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_error(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_reset_chunk(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_set_limits(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_get_limits(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_stats(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_interrupt(vm) == FUSEVM_OK); /* cleared when the next run starts */
  CHECK_ERR(fusevm_vm_fail(vm, "outside"), FUSEVM_ERR_INVALID_ARGUMENT, "only a running callback");
  CHECK(fusevm_vm_set_output(vm, capture_output, &out) == FUSEVM_OK);
  CHECK(fusevm_vm_run(vm, NULL) == FUSEVM_OK);
  fusevm_vm_free(vm);
  fusevm_vm_free(NULL);
}

/* ── Callbacks ── */

typedef struct {
  int calls;
  fusevm_vm* vm;
} counter;

/* builtin 1: add(a, b) for ints; counts its calls through the user pointer */
static fusevm_status builtin_add(fusevm_vm* vm, uint8_t argc, void* user) {
  int64_t a = 0, b = 0;
  fusevm_status s;
  ++((counter*)user)->calls;
  if (argc != 2) return fusevm_vm_fail(vm, "add takes two arguments"), FUSEVM_ERR_INVALID_ARGUMENT;
  if ((s = fusevm_vm_pop_int(vm, &b)) != FUSEVM_OK) return s;
  if ((s = fusevm_vm_pop_int(vm, &a)) != FUSEVM_OK) return s;
  return fusevm_vm_push_int(vm, a + b);
}

/* builtin 2: greet(name) -> "hello, " . name, reading the argument as a view */
static fusevm_status builtin_greet(fusevm_vm* vm, uint8_t argc, void* user) {
  fusevm_value name;
  char buffer[64];
  int n;
  (void)user;
  (void)argc;
  if (fusevm_vm_peek(vm, &name) != FUSEVM_OK || name.type != FUSEVM_TYPE_STR) {
    fusevm_vm_fail(vm, "greet wants a string");
    return FUSEVM_ERR_INVALID_ARGUMENT;
  }
  if (fusevm_vm_pop(vm, &name) != FUSEVM_OK) return FUSEVM_ERR_INTERNAL;
  n = snprintf(buffer, sizeof buffer, "hello, %.*s", (int)name.len, name.str);
  return fusevm_vm_push_string(vm, buffer, (size_t)n);
}

/* builtin 3: fails with a status and no message of its own */
static fusevm_status builtin_refuse(fusevm_vm* vm, uint8_t argc, void* user) {
  (void)vm;
  (void)argc;
  (void)user;
  return FUSEVM_ERR_IO;
}

/* builtin 7: returns a number that is no status at all (C allows any int in an enum) */
static fusevm_status builtin_junk_status(fusevm_vm* vm, uint8_t argc, void* user) {
  (void)vm;
  (void)argc;
  (void)user;
  return (fusevm_status)-5;
}

/* builtin 4: breaks the stack contract (pushes two results) */
static fusevm_status builtin_two_results(fusevm_vm* vm, uint8_t argc, void* user) {
  (void)argc;
  (void)user;
  fusevm_vm_push_int(vm, 1);
  return fusevm_vm_push_int(vm, 2);
}

/* builtin 5: tries what a callback may not do; interrupts its own run from the 3rd call on */
static fusevm_status builtin_misuse(fusevm_vm* vm, uint8_t argc, void* user) {
  counter* c = (counter*)user;
  (void)argc;
  ++c->calls;
  CHECK(fusevm_vm_run(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_reset(vm) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_reset_chunk(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  fusevm_vm_free(vm); /* refused silently: the VM is running */
  if (c->calls >= 3) CHECK(fusevm_vm_interrupt(vm) == FUSEVM_OK);
  return FUSEVM_OK;
}

/* builtin 6: pops more than it was given */
static fusevm_status builtin_greedy(fusevm_vm* vm, uint8_t argc, void* user) {
  fusevm_status s = FUSEVM_OK;
  int i;
  (void)user;
  for (i = 0; i <= argc && s == FUSEVM_OK; ++i) s = fusevm_vm_pop(vm, NULL);
  return s;
}

/* Extended id arg: pushes id * 100 + arg; id 9 fails through fusevm_vm_fail */
static fusevm_status extension(fusevm_vm* vm, uint16_t id, uint8_t arg, void* user) {
  ++((counter*)user)->calls;
  if (id == 9) {
    fusevm_vm_fail(vm, "extension 9 is not allowed here");
    return FUSEVM_OK; /* the fail wins whatever is returned */
  }
  return fusevm_vm_push_int(vm, (int64_t)id * 100 + arg);
}

/* ExtendedWide id payload: pops one value and pushes it plus the payload */
static fusevm_status extension_wide(fusevm_vm* vm, uint16_t id, uint64_t payload, void* user) {
  double x = 0;
  fusevm_status s;
  (void)user;
  if (id != 500) return FUSEVM_ERR_RUNTIME;
  if ((s = fusevm_vm_pop_float(vm, &x)) != FUSEVM_OK) return s;
  return fusevm_vm_push_float(vm, x + (double)payload);
}

static void expect_run(fusevm_vm* vm, const char* text, fusevm_status status, const char* needle) {
  fusevm_chunk* chunk = assemble(text);
  CHECK(fusevm_vm_reset_chunk(vm, chunk) == FUSEVM_OK);
  fusevm_chunk_free(chunk);
  CHECK_ERR(fusevm_vm_run(vm, NULL), status, needle);
}

static void test_callbacks(void) {
  fusevm_chunk* chunk = assemble(
      ".const Str \"world\"\n"
      "LoadInt 40\nLoadInt 2\nCallBuiltin 1 2\n"   /* 42 */
      "LoadConst #0\nCallBuiltin 2 1\nPrint 1\n"    /* prints "hello, world" */
      "Extended 7 3\nAdd\n"                        /* + 703 = 745 */
      "ExtendedWide 500 1000\n");                  /* + 1000 = 1745.0 */
  fusevm_vm* vm = NULL;
  counter adds = {0, NULL}, exts = {0, NULL}, misuse = {0, NULL};
  fusevm_value result;
  capture out;
  memset(&out, 0, sizeof out);

  CHECK(fusevm_vm_new(chunk, NULL, &vm) == FUSEVM_OK);
  fusevm_chunk_free(chunk);
  CHECK(fusevm_vm_set_output(vm, capture_output, &out) == FUSEVM_OK);
  CHECK(fusevm_vm_register_builtin(vm, 1, builtin_add, &adds) == FUSEVM_OK);
  CHECK(fusevm_vm_register_builtin(vm, 2, builtin_greet, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_set_extension_handler(vm, extension, &exts) == FUSEVM_OK);
  CHECK(fusevm_vm_set_extension_wide_handler(vm, extension_wide, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_run(vm, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_result(vm, &result) == FUSEVM_OK);
  CHECK(result.type == FUSEVM_TYPE_FLOAT && result.f == 1745.0);
  CHECK(strcmp(out.text, "hello, world") == 0);
  CHECK(adds.calls == 1 && exts.calls == 1);

  /* Builtins in a loop (the JIT may run the loop; the callbacks are still called). */
  expect_run(vm,
             "LoadInt 0\nSetSlot 0\nLoadInt 0\nSetSlot 1\n"
             "top: GetSlot 1\nLoadInt 300\nNumLt\nJumpIfFalse end\n"
             "GetSlot 0\nGetSlot 1\nCallBuiltin 1 2\nSetSlot 0\n"
             "GetSlot 1\nInc\nSetSlot 1\nJump top\n"
             "end: GetSlot 0\n",
             FUSEVM_OK, "");
  CHECK(fusevm_vm_result(vm, &result) == FUSEVM_OK && result.type == FUSEVM_TYPE_INT &&
        result.i == 44850);
  CHECK(adds.calls == 301);

  /* How callbacks fail a run. */
  CHECK(fusevm_vm_register_builtin(vm, 3, builtin_refuse, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_register_builtin(vm, 4, builtin_two_results, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_register_builtin(vm, 6, builtin_greedy, NULL) == FUSEVM_OK);
  expect_run(vm, ".source \"cb.fvm\"\nLoadInt 1\nCallBuiltin 1 1\n", FUSEVM_ERR_HANDLER_FAILED,
             "cb.fvm:3 (ip 1, CallBuiltin): builtin 1: add takes two arguments");
  expect_run(vm, "LoadInt 5\nCallBuiltin 2 1\n", FUSEVM_ERR_HANDLER_FAILED, "greet wants a string");
  /* A failing callback is reported with its own failure, never an older message of the thread;
   * a run whose callbacks succeed leaves the thread's last error as it was. */
  {
    int unused = 0;
    CHECK(fusevm_op_from_name("StaleMarker", &unused) == FUSEVM_ERR_INVALID_ARGUMENT);
    expect_run(vm, "LoadInt 1\nLoadInt 2\nCallBuiltin 1 2\n", FUSEVM_OK, "StaleMarker");
    expect_run(vm, "CallBuiltin 3 0\n", FUSEVM_ERR_HANDLER_FAILED, "builtin 3 failed (IoError)");
    CHECK(strstr(fusevm_last_error(), "StaleMarker") == NULL);
    CHECK(fusevm_vm_result(vm, &result) == FUSEVM_OK && result.type == FUSEVM_TYPE_UNDEF);
  }
  CHECK(fusevm_vm_register_builtin(vm, 7, builtin_junk_status, NULL) == FUSEVM_OK);
  expect_run(vm, "CallBuiltin 7 0\n", FUSEVM_ERR_HANDLER_FAILED, "builtin 7 failed (Unknown)");
  expect_run(vm, "CallBuiltin 4 0\n", FUSEVM_ERR_HANDLER_FAILED,
             "builtin 4 must pop its 0 argument(s) and push at most one result");
  expect_run(vm, "LoadInt 1\nLoadInt 2\nCallBuiltin 6 1\n", FUSEVM_ERR_HANDLER_FAILED,
             "must pop its 1 argument(s)");
  expect_run(vm, "CallBuiltin 6 0\n", FUSEVM_ERR_HANDLER_FAILED, "the current frame has no values");
  expect_run(vm, "Extended 9 0\n", FUSEVM_ERR_HANDLER_FAILED, "extension 9 is not allowed here");
  expect_run(vm, "LoadInt 1\nExtendedWide 501 0\n", FUSEVM_ERR_HANDLER_FAILED,
             "wide extension op 501 failed (RuntimeError)");

  /* A callback cannot run, reset or free its own VM; it may interrupt it. */
  CHECK(fusevm_vm_register_builtin(vm, 5, builtin_misuse, &misuse) == FUSEVM_OK);
  expect_run(vm,
             "top: CallBuiltin 5 0\nPop\nJump top\n",
             FUSEVM_ERR_INTERRUPTED, "interrupted");
  CHECK(misuse.calls >= 3); /* the VM polls the flag, so a few more calls may happen */

  /* Removing handlers: the ops then fail as the VM defines for a missing handler. */
  CHECK(fusevm_vm_register_builtin(vm, 1, NULL, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_set_extension_handler(vm, NULL, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_set_extension_wide_handler(vm, NULL, NULL) == FUSEVM_OK);
  {
    fusevm_chunk* c = assemble("LoadInt 1\nLoadInt 2\nCallBuiltin 1 2\n");
    CHECK(fusevm_vm_reset_chunk(vm, c) == FUSEVM_OK);
    fusevm_chunk_free(c);
    CHECK(fusevm_vm_run(vm, NULL) != FUSEVM_OK);
    CHECK(strstr(fusevm_last_error(), "no builtin registered for id 1") != NULL);
    CHECK(adds.calls == 303); /* 301 in the loop, 1 refusing one argument, 1 in the stale test */
  }
  fusevm_vm_free(vm);
}

/* ── Stack and globals between runs ── */

static void test_stack(void) {
  fusevm_chunk* chunk = assemble(".name answer\nGetVar answer\nLoadInt 1\nAdd\n");
  fusevm_vm* vm = NULL;
  fusevm_value v;
  size_t size = 99;
  int64_t i = 0;
  double f = 0;
  const char* s = NULL;
  size_t len = 0;

  CHECK(fusevm_vm_new(chunk, NULL, &vm) == FUSEVM_OK);
  fusevm_chunk_free(chunk);

  /* Globals set before a run are what the program reads. */
  memset(&v, 0, sizeof v);
  v.type = FUSEVM_TYPE_INT;
  v.i = 41;
  CHECK(fusevm_vm_set_global(vm, 0, &v) == FUSEVM_OK);
  CHECK(fusevm_vm_get_global(vm, 0, &v) == FUSEVM_OK && v.type == FUSEVM_TYPE_INT && v.i == 41);
  CHECK(fusevm_vm_run(vm, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_result(vm, &v) == FUSEVM_OK && v.type == FUSEVM_TYPE_INT && v.i == 42);
  CHECK(fusevm_vm_get_global(vm, 12345, &v) == FUSEVM_OK && v.type == FUSEVM_TYPE_UNDEF);
  CHECK_ERR(fusevm_vm_set_global(vm, 70000, &v), FUSEVM_ERR_INVALID_ARGUMENT, "name-pool index");
  v.type = FUSEVM_TYPE_HASH;
  CHECK(fusevm_vm_set_global(vm, 0, &v) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_set_global(vm, 0, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_get_global(vm, 0, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_set_global(NULL, 0, &v) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_get_global(NULL, 0, &v) == FUSEVM_ERR_INVALID_ARGUMENT);

  /* Push, peek and pop every kind. */
  CHECK(fusevm_vm_reset(vm) == FUSEVM_OK);
  CHECK(fusevm_vm_stack_size(vm, &size) == FUSEVM_OK && size == 0);
  CHECK_ERR(fusevm_vm_pop(vm, &v), FUSEVM_ERR_STACK_UNDERFLOW, "no values");
  CHECK(fusevm_vm_pop_int(vm, &i) == FUSEVM_ERR_STACK_UNDERFLOW);
  CHECK(fusevm_vm_pop_float(vm, &f) == FUSEVM_ERR_STACK_UNDERFLOW);
  CHECK(fusevm_vm_pop_string(vm, &s, &len) == FUSEVM_ERR_STACK_UNDERFLOW);
  CHECK(fusevm_vm_peek(vm, &v) == FUSEVM_ERR_STACK_UNDERFLOW);
  CHECK_ERR(fusevm_vm_push_array(vm, 1), FUSEVM_ERR_STACK_UNDERFLOW, "1 values wanted");

  CHECK(fusevm_vm_push_int(vm, 7) == FUSEVM_OK);
  CHECK(fusevm_vm_push_float(vm, 2.5) == FUSEVM_OK);
  CHECK(fusevm_vm_push_string(vm, "a\0b", 3) == FUSEVM_OK);
  v.type = FUSEVM_TYPE_BOOL;
  v.i = 1;
  CHECK(fusevm_vm_push(vm, &v) == FUSEVM_OK);
  CHECK(fusevm_vm_stack_size(vm, &size) == FUSEVM_OK && size == 4);
  CHECK(fusevm_vm_push_array(vm, 4) == FUSEVM_OK);
  CHECK(fusevm_vm_stack_size(vm, &size) == FUSEVM_OK && size == 1);
  CHECK(fusevm_vm_peek(vm, &v) == FUSEVM_OK && v.type == FUSEVM_TYPE_ARRAY && v.i == 4);
  CHECK(v.str != NULL && strcmp(v.str, "{\"Array\":[{\"Int\":7},{\"Float\":2.5},{\"Str\":\"a\\u0000b\"},"
                                       "{\"Bool\":true}]}") == 0);
  CHECK(fusevm_vm_pop(vm, NULL) == FUSEVM_OK);

  CHECK(fusevm_vm_push_string(vm, "12", 2) == FUSEVM_OK);
  CHECK(fusevm_vm_pop_int(vm, &i) == FUSEVM_OK && i == 12);
  CHECK(fusevm_vm_push_string(vm, "2.5", 3) == FUSEVM_OK);
  CHECK(fusevm_vm_pop_float(vm, &f) == FUSEVM_OK && f == 2.5);
  CHECK(fusevm_vm_push_float(vm, 0.5) == FUSEVM_OK);
  CHECK(fusevm_vm_pop_string(vm, &s, &len) == FUSEVM_OK && strcmp(s, "0.5") == 0 && len == 3);
  CHECK(fusevm_vm_push_string(vm, "x", 1) == FUSEVM_OK);
  CHECK(fusevm_vm_pop_string(vm, &s, NULL) == FUSEVM_OK && strcmp(s, "x") == 0);
  CHECK(fusevm_vm_push_string(vm, NULL, 0) == FUSEVM_OK);
  CHECK(fusevm_vm_pop(vm, &v) == FUSEVM_OK && v.type == FUSEVM_TYPE_STR && v.len == 0 &&
        v.str && v.str[0] == '\0');
  CHECK(fusevm_vm_push_string(vm, NULL, 2) == FUSEVM_ERR_INVALID_ARGUMENT);
  v.type = FUSEVM_TYPE_REF;
  CHECK(fusevm_vm_push(vm, &v) == FUSEVM_ERR_INVALID_ARGUMENT);
  v.type = FUSEVM_TYPE_STATUS;
  v.i = 1;
  CHECK(fusevm_vm_push(vm, &v) == FUSEVM_OK);
  CHECK(fusevm_vm_pop(vm, &v) == FUSEVM_OK && v.type == FUSEVM_TYPE_STATUS && v.i == 1);
  v.type = FUSEVM_TYPE_STATUS;
  v.i = (int64_t)1 << 40;
  CHECK(fusevm_vm_push(vm, &v) == FUSEVM_ERR_INVALID_ARGUMENT);

  /* NULLs */
  CHECK(fusevm_vm_stack_size(NULL, &size) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_stack_size(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_push(NULL, &v) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_push(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_push_int(NULL, 1) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_push_float(NULL, 1) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_push_string(NULL, "", 0) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_push_array(NULL, 0) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_pop(NULL, &v) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_pop_int(NULL, &i) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_pop_int(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_pop_float(NULL, &f) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_pop_float(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_pop_string(NULL, &s, &len) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_pop_string(vm, NULL, &len) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_peek(NULL, &v) == FUSEVM_ERR_INVALID_ARGUMENT);
  CHECK(fusevm_vm_peek(vm, NULL) == FUSEVM_ERR_INVALID_ARGUMENT);
  fusevm_vm_free(vm);
}

/* ── Results of every kind, and the memory limit ── */

static void test_results(void) {
  fusevm_chunk* chunk = assemble("LoadInt 1\nLoadInt 2\nMakeArray 2\n");
  fusevm_vm* vm = NULL;
  fusevm_value v;
  fusevm_limits limits;
  fusevm_stats stats;

  CHECK(fusevm_vm_new(chunk, NULL, &vm) == FUSEVM_OK);
  fusevm_chunk_free(chunk);
  CHECK(fusevm_vm_run(vm, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_result(vm, &v) == FUSEVM_OK && v.type == FUSEVM_TYPE_ARRAY && v.i == 2);
  CHECK(strcmp(v.str, "{\"Array\":[{\"Int\":1},{\"Int\":2}]}") == 0);

  expect_run(vm, "LoadConst Str \"text\"\n", FUSEVM_OK, "");
  CHECK(fusevm_vm_result(vm, &v) == FUSEVM_OK && v.type == FUSEVM_TYPE_STR && v.len == 4 &&
        strcmp(v.str, "text") == 0);
  {
    fusevm_value again;
    CHECK(fusevm_vm_result(vm, &again) == FUSEVM_OK && again.str == v.str); /* one rendering */
  }
  expect_run(vm, "LoadTrue\n", FUSEVM_OK, "");
  CHECK(fusevm_vm_result(vm, &v) == FUSEVM_OK && v.type == FUSEVM_TYPE_BOOL && v.i == 1);

  /* A memory limit stops a program that keeps growing a string. */
  CHECK(fusevm_limits_init(&limits) == FUSEVM_OK);
  limits.memory_limit = 1 << 16;
  CHECK(fusevm_vm_set_limits(vm, &limits) == FUSEVM_OK);
  expect_run(vm,
             "LoadConst Str \"\"\nSetSlot 0\n"
             "top: GetSlot 0\nLoadConst Str \"0123456789abcdef\"\nConcat\nSetSlot 0\nJump top\n",
             FUSEVM_ERR_MEMORY_LIMIT, "memory");
  CHECK(fusevm_vm_stats(vm, &stats) == FUSEVM_OK && stats.peak_memory > 0);
  fusevm_vm_free(vm);
}

/* ── JIT ── */

static void test_jit(int expect_jit) {
  fusevm_chunk* chunk = assemble(
      "LoadInt 0\nSetSlot 0\nLoadInt 0\nSetSlot 1\n"
      "top: GetSlot 1\nLoadInt 20000\nNumLt\nJumpIfFalse end\n"
      "GetSlot 0\nGetSlot 1\nAdd\nSetSlot 0\nGetSlot 1\nInc\nSetSlot 1\nJump top\n"
      "end: GetSlot 0\n");
  fusevm_vm* vm = NULL;
  fusevm_jit_stats js;
  fusevm_stats stats;
  fusevm_value v;

  CHECK(fusevm_jit_available() == expect_jit);
  CHECK(fusevm_jit_set_cache_dir("") == FUSEVM_OK); /* no disk cache for a test */
  CHECK(fusevm_jit_reset_stats() == FUSEVM_OK);
  CHECK(fusevm_jit_get_stats(NULL) == FUSEVM_ERR_INVALID_ARGUMENT);

  CHECK(fusevm_vm_new(chunk, NULL, &vm) == FUSEVM_OK);
  fusevm_chunk_free(chunk);
  CHECK(fusevm_vm_run(vm, NULL) == FUSEVM_OK);
  CHECK(fusevm_vm_result(vm, &v) == FUSEVM_OK && v.i == 199990000);
  CHECK(fusevm_vm_stats(vm, &stats) == FUSEVM_OK);
  CHECK(fusevm_jit_get_stats(&js) == FUSEVM_OK);
  if (expect_jit) {
    /* A 20000-iteration loop is hot: some of it ran as native code. */
    CHECK(stats.jit_ops > 0 && stats.jit_ops <= stats.ops_executed);
    CHECK(js.compiles_linear + js.compiles_block + js.compiles_trace > 0);
    CHECK(js.native_bytes > 0);
  } else {
    CHECK(stats.jit_ops == 0 && stats.jit_entries == 0);
    CHECK(js.compiles_block == 0 && js.compiles_trace == 0 && js.native_bytes == 0);
  }
  CHECK(fusevm_jit_reset_stats() == FUSEVM_OK);
  CHECK(fusevm_jit_get_stats(&js) == FUSEVM_OK && js.compiles_trace == 0 && js.native_entries == 0);
  CHECK(fusevm_jit_set_cache_dir(NULL) == FUSEVM_OK);
  CHECK(fusevm_jit_set_cache_dir("") == FUSEVM_OK);
  fusevm_vm_free(vm);
}

int main(int argc, char** argv) {
  fusevm_chunk* chunk = NULL;
  fusevm_chunk* plain = NULL;
  size_t emitted = 0, fused_ops = 0, plain_ops = 0;
  if (argc != 3) {
    fprintf(stderr, "usage: %s SCRATCH_DIR EXPECT_JIT(0|1)\n", argv[0]);
    return 2;
  }

  test_meta();
  chunk = build_program(1, &emitted);
  plain = build_program(0, &emitted);
  /* Fusion turns some op sequences into one op; without it the chunk has every op emitted. */
  CHECK(fusevm_chunk_op_count(plain, &plain_ops) == FUSEVM_OK && plain_ops == emitted);
  CHECK(fusevm_chunk_op_count(chunk, &fused_ops) == FUSEVM_OK && fused_ops <= plain_ops);
  test_builder_null_handles();
  test_formats(chunk, argv[1]);
  test_run(chunk);
  test_run(plain);
  test_callbacks();
  test_stack();
  test_results();
  test_jit(argv[2][0] == '1');
  fusevm_chunk_free(chunk);
  fusevm_chunk_free(plain);

  if (g_failures) {
    fprintf(stderr, "capi: %d of %d checks failed\n", g_failures, g_checks);
    return 1;
  }
  printf("capi: %d checks passed\n", g_checks);
  return 0;
}
