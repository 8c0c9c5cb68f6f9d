/* hash_setget: set N string keys "i" -> i, then read them all back and sum.
   A growing open-addressing hash table (FNV-1a, linear probing) with copied string keys. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *key; /* NULL = empty */
  int64_t value;
} Entry;

typedef struct {
  Entry *e;
  size_t cap, len; /* cap is a power of two */
} Map;

static uint64_t hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

static Entry *find(Entry *e, size_t cap, const char *k, size_t n) {
  size_t i = hash(k, n) & (cap - 1);
  while (e[i].key && strcmp(e[i].key, k) != 0) i = (i + 1) & (cap - 1);
  return &e[i];
}

static void grow(Map *m) {
  size_t cap = m->cap ? m->cap * 2 : 16;
  Entry *e = calloc(cap, sizeof *e);
  if (!e) exit(1);
  for (size_t i = 0; i < m->cap; i++)
    if (m->e[i].key) *find(e, cap, m->e[i].key, strlen(m->e[i].key)) = m->e[i];
  free(m->e);
  m->e = e;
  m->cap = cap;
}

static void set(Map *m, const char *k, size_t n, int64_t v) {
  if ((m->len + 1) * 2 > m->cap) grow(m);
  Entry *slot = find(m->e, m->cap, k, n);
  if (!slot->key) {
    slot->key = malloc(n + 1);
    if (!slot->key) exit(1);
    memcpy(slot->key, k, n + 1);
    m->len++;
  }
  slot->value = v;
}

static int64_t get(const Map *m, const char *k, size_t n) {
  Entry *slot = find(m->e, m->cap, k, n);
  return slot->key ? slot->value : 0;
}

int main(void) {
  const int64_t N = 500000;
  Map h = {0};
  char buf[32];
  for (int64_t i = 0; i < N; i++) {
    int n = snprintf(buf, sizeof buf, "%lld", (long long)i);
    set(&h, buf, (size_t)n, i);
  }
  int64_t s = 0;
  for (int64_t i = 0; i < N; i++) {
    int n = snprintf(buf, sizeof buf, "%lld", (long long)i);
    s = s + get(&h, buf, (size_t)n);
  }
  printf("%lld\n", (long long)s);
  for (size_t i = 0; i < h.cap; i++) free(h.e[i].key);
  free(h.e);
  return 0;
}
