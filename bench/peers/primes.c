/* primes: count primes below N by trial division. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  const int64_t N = 600000;
  int64_t count = 0;
  for (int64_t n = 2; n < N; n++) {
    int64_t d = 2;
    int64_t isp = 1;
    while (d * d <= n) {
      if (n % d == 0) {
        isp = 0;
        break;
      }
      d = d + 1;
    }
    count = count + isp;
  }
  printf("%lld\n", (long long)count);
  return 0;
}
