/* Consumer of the installed C API (shared library): assembles and runs 40 + 2. */
#include <stdio.h>
#include <string.h>

#include <fusevm/fusevm.h>

int main(void) {
  static const char text[] = "LoadInt 40\nLoadInt 2\nAdd\n";
  fusevm_chunk* chunk = NULL;
  fusevm_vm* vm = NULL;
  fusevm_value v;
  fusevm_status s = fusevm_chunk_load(text, strlen(text), FUSEVM_FORMAT_TEXT, "consumer", &chunk);
  if (s == FUSEVM_OK) s = fusevm_vm_new(chunk, NULL, &vm);
  if (s == FUSEVM_OK) s = fusevm_vm_run(vm, NULL);
  if (s == FUSEVM_OK) s = fusevm_vm_result(vm, &v);
  if (s == FUSEVM_OK) printf(CONSUMER_NAME " C: %lld\n", (long long)v.i);
  else fprintf(stderr, "%s\n", fusevm_last_error());
  fusevm_vm_free(vm);
  fusevm_chunk_free(chunk);
  return s == FUSEVM_OK ? 0 : 1;
}
