-- array_push_sum: push 0..N-1 onto an array, then sum it by index.
local N = 10000000
local a = {}
for i = 0, N - 1 do
  a[#a + 1] = i
end
local s = 0
for i = 1, N do
  s = s + a[i]
end
print(string.format("%d", s))
