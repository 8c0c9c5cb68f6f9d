// mandelbrot: W x H grid over [-2,1] x [-1,1], at most MAXIT iterations per point;
// print the total number of iterations.
function main() {
  const W = 800;
  const H = 600;
  const MAXIT = 100;
  let total = 0;
  for (let py = 0; py < H; py++) {
    const ci = (py * 2.0) / H - 1.0;
    for (let px = 0; px < W; px++) {
      const cr = (px * 3.0) / W - 2.0;
      let zr = 0.0;
      let zi = 0.0;
      let it = 0;
      while (it < MAXIT && zr * zr + zi * zi <= 4.0) {
        const t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        it = it + 1;
      }
      total = total + it;
    }
  }
  console.log(String(total));
}

main();
