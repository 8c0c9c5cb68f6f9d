-- mandelbrot: W x H grid over [-2,1] x [-1,1], at most MAXIT iterations per point;
-- print the total number of iterations.
local W = 800
local H = 600
local MAXIT = 100
local total = 0
for py = 0, H - 1 do
  local ci = py * 2.0 / H - 1.0
  for px = 0, W - 1 do
    local cr = px * 3.0 / W - 2.0
    local zr = 0.0
    local zi = 0.0
    local it = 0
    while it < MAXIT and zr * zr + zi * zi <= 4.0 do
      local t = zr * zr - zi * zi + cr
      zi = 2.0 * zr * zi + ci
      zr = t
      it = it + 1
    end
    total = total + it
  end
end
print(string.format("%d", total))
