// sort: N pseudo-random ints (Park-Miller minimal standard LCG), sorted ascending with a numeric
// comparator (Array.prototype.sort compares as strings without one); print a checksum of the
// sorted order.
function main() {
  const N = 1000000;
  const a = [];
  let x = 42;
  for (let i = 0; i < N; i++) {
    x = (x * 16807) % 2147483647;
    a.push(x);
  }
  a.sort((p, q) => p - q);
  let c = 0;
  for (let i = 0; i < N; i++) {
    c = (c * 31 + a[i]) % 1000000007;
  }
  console.log(String(c));
}

main();
