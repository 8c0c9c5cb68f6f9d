// sieve: sieve of Eratosthenes over an array of N flags (1 = prime), count primes below N.
function main() {
  const N = 5000000;
  const flags = [];
  for (let i = 0; i < N; i++) {
    flags.push(1);
  }
  let i = 2;
  while (i * i < N) {
    if (flags[i] === 1) {
      for (let j = i * i; j < N; j += i) {
        flags[j] = 0;
      }
    }
    i = i + 1;
  }
  let count = 0;
  for (let k = 2; k < N; k++) {
    count = count + flags[k];
  }
  console.log(String(count));
}

main();
