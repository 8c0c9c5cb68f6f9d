// float_loop: float multiply-add and a division per iteration.
function main() {
  const N = 30000000;
  let x = 1.0;
  let y = 0.0;
  for (let i = 0; i < N; i++) {
    x = x * 0.999999 + 0.5;
    y = y + x / (i + 1);
  }
  console.log(String(Math.floor(y * 1000.0)));
}

main();
