/* sort: N pseudo-random ints (Park-Miller minimal standard LCG), sorted ascending with qsort;
   print a checksum of the sorted order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *pa, const void *pb) {
  int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
  return (a > b) - (a < b);
}

int main(void) {
  const int64_t N = 1000000;
  int64_t *a = malloc((size_t)N * sizeof *a);
  if (!a) return 1;
  int64_t x = 42;
  for (int64_t i = 0; i < N; i++) {
    x = x * 16807 % 2147483647;
    a[i] = x;
  }
  qsort(a, (size_t)N, sizeof *a, cmp);
  int64_t c = 0;
  for (int64_t i = 0; i < N; i++) {
    c = (c * 31 + a[i]) % 1000000007;
  }
  printf("%lld\n", (long long)c);
  free(a);
  return 0;
}
