/* mandelbrot: W x H grid over [-2,1] x [-1,1], at most MAXIT iterations per point;
   print the total number of iterations. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  const int64_t W = 800, H = 600, MAXIT = 100;
  int64_t total = 0;
  for (int64_t py = 0; py < H; py++) {
    double ci = (double)py * 2.0 / (double)H - 1.0;
    for (int64_t px = 0; px < W; px++) {
      double cr = (double)px * 3.0 / (double)W - 2.0;
      double zr = 0.0, zi = 0.0;
      int64_t it = 0;
      while (it < MAXIT && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        it = it + 1;
      }
      total = total + it;
    }
  }
  printf("%lld\n", (long long)total);
  return 0;
}
