// primes: count primes below N by trial division.
function main() {
  const N = 600000;
  let count = 0;
  for (let n = 2; n < N; n++) {
    let d = 2;
    let isp = 1;
    while (d * d <= n) {
      if (n % d === 0) {
        isp = 0;
        break;
      }
      d = d + 1;
    }
    count = count + isp;
  }
  console.log(String(count));
}

main();
