# array_push_sum: push 0..N-1 onto an array, then sum it by index.
def main():
    N = 10000000
    a = []
    for i in range(N):
        a.append(i)
    s = 0
    for i in range(N):
        s = s + a[i]
    print(s)


main()
