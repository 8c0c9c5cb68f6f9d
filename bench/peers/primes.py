# primes: count primes below N by trial division.
def main():
    N = 600000
    count = 0
    for n in range(2, N):
        d = 2
        isp = 1
        while d * d <= n:
            if n % d == 0:
                isp = 0
                break
            d = d + 1
        count = count + isp
    print(count)


main()
