# sieve: sieve of Eratosthenes over an array of N flags (1 = prime), count primes below N.
def main():
    N = 5000000
    flags = []
    for i in range(N):
        flags.append(1)
    i = 2
    while i * i < N:
        if flags[i] == 1:
            for j in range(i * i, N, i):
                flags[j] = 0
        i = i + 1
    count = 0
    for k in range(2, N):
        count = count + flags[k]
    print(count)


main()
