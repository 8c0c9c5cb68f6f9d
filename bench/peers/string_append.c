/* string_append: append "abc" N times to one string (a doubling buffer), print its length. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *data;
  size_t len, cap;
} Str;

static void append(Str *s, const char *p, size_t n) {
  if (s->len + n > s->cap) {
    size_t cap = s->cap ? s->cap : 16;
    while (s->len + n > cap) cap *= 2;
    s->data = realloc(s->data, cap);
    if (!s->data) exit(1);
    s->cap = cap;
  }
  memcpy(s->data + s->len, p, n);
  s->len += n;
}

int main(void) {
  const int64_t N = 8000000;
  Str s = {0};
  for (int64_t i = 0; i < N; i++) {
    append(&s, "abc", 3);
  }
  printf("%lld\n", (long long)s.len);
  free(s.data);
  return 0;
}
