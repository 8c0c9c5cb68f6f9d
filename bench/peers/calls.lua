-- calls: a small function called N times in a loop.
local function add3(a, b, c)
  return a + b + c
end
local N = 20000000
local s = 0
for i = 0, N - 1 do
  s = add3(s, i, 1)
end
print(string.format("%d", s))
