-- float_loop: float multiply-add and a division per iteration.
local N = 30000000
local x = 1.0
local y = 0.0
for i = 0, N - 1 do
  x = x * 0.999999 + 0.5
  y = y + x / (i + 1)
end
print(string.format("%d", math.floor(y * 1000.0)))
