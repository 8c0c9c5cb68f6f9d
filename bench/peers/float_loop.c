/* float_loop: float multiply-add and a division per iteration. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  const int64_t N = 30000000;
  double x = 1.0;
  double y = 0.0;
  for (int64_t i = 0; i < N; i++) {
    x = x * 0.999999 + 0.5;
    y = y + x / (double)(i + 1);
  }
  printf("%lld\n", (long long)(y * 1000.0)); /* truncated toward zero */
  return 0;
}
