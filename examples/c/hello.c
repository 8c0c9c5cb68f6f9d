/* Embedding fusevm from C: load a program (assembly text here; JSON and binary work the same
 * way), give it a builtin written in C, run it under a fuel limit and read the result. The C API
 * is <fusevm/fusevm.h>; docs/embedding.md is the guide. Build: cc hello.c $(pkg-config --cflags
 * --libs fusevm). */
#include <stdio.h>
#include <string.h>

#include <fusevm/fusevm.h>

/* builtin 1: scale(x) = x * factor, with the factor passed as user data */
static fusevm_status scale(fusevm_vm* vm, uint8_t argc, void* user) {
  int64_t x;
  fusevm_status s;
  if (argc != 1) return fusevm_vm_fail(vm, "scale takes one argument"), FUSEVM_ERR_INVALID_ARGUMENT;
  if ((s = fusevm_vm_pop_int(vm, &x)) != FUSEVM_OK) return s;
  return fusevm_vm_push_int(vm, x * *(const int64_t*)user);
}

int main(void) {
  static const char program[] = "LoadInt 6\nCallBuiltin 1 1\nLoadInt 2\nSub\n";
  const int64_t factor = 7;
  fusevm_chunk* chunk = NULL;
  fusevm_vm* vm = NULL;
  fusevm_limits limits;
  fusevm_value result;

  /* Each call returns a status; the first failure skips the rest and its message says why. */
  fusevm_status s = fusevm_chunk_load(program, strlen(program), FUSEVM_FORMAT_TEXT, "hello.fvm", &chunk);
  if (s == FUSEVM_OK) s = fusevm_limits_init(&limits);
  limits.fuel = 10000; /* a runaway program stops instead of hanging its host */
  if (s == FUSEVM_OK) s = fusevm_vm_new(chunk, &limits, &vm);
  if (s == FUSEVM_OK) s = fusevm_vm_register_builtin(vm, 1, scale, (void*)&factor);
  if (s == FUSEVM_OK) s = fusevm_vm_run(vm, NULL);
  if (s == FUSEVM_OK) s = fusevm_vm_result(vm, &result);
  if (s == FUSEVM_OK)
    printf("fusevm %s: 6 * 7 - 2 = %lld\n", fusevm_version(), (long long)result.i);
  else
    fprintf(stderr, "fusevm: %s: %s\n", fusevm_status_name(s), fusevm_last_error());
  fusevm_vm_free(vm); /* both accept NULL */
  fusevm_chunk_free(chunk);
  return s == FUSEVM_OK ? 0 : 1;
}
