// sum_loop: sum of 0..N-1 with a counter loop.
function main() {
  const N = 100000000;
  let s = 0;
  for (let i = 0; i < N; i++) {
    s = s + i;
  }
  console.log(String(s));
}

main();
