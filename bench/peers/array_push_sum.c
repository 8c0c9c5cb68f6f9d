/* array_push_sum: push 0..N-1 onto a growing array, then sum it by index. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  int64_t *data;
  size_t len, cap;
} Vec;

static void push(Vec *v, int64_t x) {
  if (v->len == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 8;
    v->data = realloc(v->data, v->cap * sizeof *v->data);
    if (!v->data) exit(1);
  }
  v->data[v->len++] = x;
}

int main(void) {
  const int64_t N = 10000000;
  Vec a = {0};
  for (int64_t i = 0; i < N; i++) {
    push(&a, i);
  }
  int64_t s = 0;
  for (int64_t i = 0; i < N; i++) {
    s = s + a.data[i];
  }
  printf("%lld\n", (long long)s);
  free(a.data);
  return 0;
}
