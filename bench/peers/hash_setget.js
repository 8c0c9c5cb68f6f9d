// hash_setget: set N string keys String(i) -> i in a Map, then read them all back and sum.
function main() {
  const N = 500000;
  const h = new Map();
  for (let i = 0; i < N; i++) {
    h.set(String(i), i);
  }
  let s = 0;
  for (let i = 0; i < N; i++) {
    s = s + h.get(String(i));
  }
  console.log(String(s));
}

main();
