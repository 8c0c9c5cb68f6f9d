# string_append: append "abc" N times to one string (+= on a local, which CPython extends in
# place), print its length.
def main():
    N = 8000000
    s = ""
    for i in range(N):
        s += "abc"
    print(len(s))


main()
