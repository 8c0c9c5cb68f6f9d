# hash_setget: set N string keys str(i) -> i, then read them all back and sum.
def main():
    N = 500000
    h = {}
    for i in range(N):
        h[str(i)] = i
    s = 0
    for i in range(N):
        s = s + h[str(i)]
    print(s)


main()
