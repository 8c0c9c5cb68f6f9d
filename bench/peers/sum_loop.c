/* sum_loop: sum of 0..N-1 with a counter loop. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  const int64_t N = 100000000;
  int64_t s = 0;
  for (int64_t i = 0; i < N; i++) {
    s = s + i;
  }
  printf("%lld\n", (long long)s);
  return 0;
}
