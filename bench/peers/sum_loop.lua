-- sum_loop: sum of 0..N-1 with a counter loop.
local N = 100000000
local s = 0
for i = 0, N - 1 do
  s = s + i
end
print(string.format("%d", s))
