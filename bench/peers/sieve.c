/* sieve: sieve of Eratosthenes over an array of N flags (1 = prime), count primes below N. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  const int64_t N = 5000000;
  int64_t *flags = malloc((size_t)N * sizeof *flags);
  if (!flags) return 1;
  for (int64_t i = 0; i < N; i++) {
    flags[i] = 1;
  }
  for (int64_t i = 2; i * i < N; i++) {
    if (flags[i] == 1) {
      for (int64_t j = i * i; j < N; j += i) {
        flags[j] = 0;
      }
    }
  }
  int64_t count = 0;
  for (int64_t k = 2; k < N; k++) {
    count = count + flags[k];
  }
  printf("%lld\n", (long long)count);
  free(flags);
  return 0;
}
