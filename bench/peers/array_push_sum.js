// array_push_sum: push 0..N-1 onto an array, then sum it by index.
function main() {
  const N = 10000000;
  const a = [];
  for (let i = 0; i < N; i++) {
    a.push(i);
  }
  let s = 0;
  for (let i = 0; i < N; i++) {
    s = s + a[i];
  }
  console.log(String(s));
}

main();
