# Redirections: files, appending, fds, blocks.
echo one > out.txt
echo two >> out.txt
cat < out.txt
cat out.txt nosuchfile 2> err.txt
echo "cat status $?"
wc -l < err.txt
sh -c 'echo to-stdout; echo to-stderr >&2' > both.txt 2>&1
sort both.txt
sh -c 'echo hidden >&2' 2>/dev/null
echo clobber >| out.txt
cat out.txt
echo rw 1<> rw.txt
cat rw.txt
{ echo first; echo second; } > group.txt
cat group.txt
{ echo in-block; ls nosuchfile; } > block.txt 2>&1
wc -l < block.txt
echo after block
for f in a b c; do echo $f; done > loop.txt
cat loop.txt
if true; then echo from-if; fi > if.txt
cat if.txt
cat 3< out.txt 0<&3
echo x > "file with spaces.txt"
cat "file with spaces.txt"
