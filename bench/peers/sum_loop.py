# sum_loop: sum of 0..N-1 with a counter loop.
def main():
    N = 100000000
    s = 0
    for i in range(N):
        s = s + i
    print(s)


main()
