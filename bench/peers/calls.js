// calls: a small function called N times in a loop.
function add3(a, b, c) {
  return a + b + c;
}

function main() {
  const N = 20000000;
  let s = 0;
  for (let i = 0; i < N; i++) {
    s = add3(s, i, 1);
  }
  console.log(String(s));
}

main();
