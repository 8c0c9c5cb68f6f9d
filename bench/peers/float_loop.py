# float_loop: float multiply-add and a division per iteration.
def main():
    N = 30000000
    x = 1.0
    y = 0.0
    for i in range(N):
        x = x * 0.999999 + 0.5
        y = y + x / (i + 1)
    print(int(y * 1000.0))  # truncated toward zero


main()
