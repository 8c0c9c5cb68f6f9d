# calls: a small function called N times in a loop.
def add3(a, b, c):
    return a + b + c


def main():
    N = 20000000
    s = 0
    for i in range(N):
        s = add3(s, i, 1)
    print(s)


main()
