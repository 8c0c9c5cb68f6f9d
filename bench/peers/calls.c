/* calls: a small function called N times in a loop. noipa keeps a real call (no inlining and
   no constant propagation into it): the other implementations cannot inline it either. */
#include <stdint.h>
#include <stdio.h>

__attribute__((noipa)) static int64_t add3(int64_t a, int64_t b, int64_t c) {
  return a + b + c;
}

int main(void) {
  const int64_t N = 20000000;
  int64_t s = 0;
  for (int64_t i = 0; i < N; i++) {
    s = add3(s, i, 1);
  }
  printf("%lld\n", (long long)s);
  return 0;
}
