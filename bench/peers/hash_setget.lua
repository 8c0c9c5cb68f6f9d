-- hash_setget: set N string keys tostring(i) -> i, then read them all back and sum.
local N = 500000
local h = {}
for i = 0, N - 1 do
  h[tostring(i)] = i
end
local s = 0
for i = 0, N - 1 do
  s = s + h[tostring(i)]
end
print(string.format("%d", s))
