# mandelbrot: W x H grid over [-2,1] x [-1,1], at most MAXIT iterations per point;
# print the total number of iterations.
def main():
    W = 800
    H = 600
    MAXIT = 100
    total = 0
    for py in range(H):
        ci = py * 2.0 / H - 1.0
        for px in range(W):
            cr = px * 3.0 / W - 2.0
            zr = 0.0
            zi = 0.0
            it = 0
            while it < MAXIT and zr * zr + zi * zi <= 4.0:
                t = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = t
                it = it + 1
            total = total + it
    print(total)


main()
