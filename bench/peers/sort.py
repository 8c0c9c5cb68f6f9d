# sort: N pseudo-random ints (Park-Miller minimal standard LCG), sorted ascending with sorted();
# print a checksum of the sorted order.
def main():
    N = 1000000
    a = []
    x = 42
    for i in range(N):
        x = x * 16807 % 2147483647
        a.append(x)
    a = sorted(a)
    c = 0
    for i in range(N):
        c = (c * 31 + a[i]) % 1000000007
    print(c)


main()
