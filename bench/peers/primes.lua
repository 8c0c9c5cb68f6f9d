-- primes: count primes below N by trial division.
local N = 600000
local count = 0
for n = 2, N - 1 do
  local d = 2
  local isp = 1
  while d * d <= n do
    if n % d == 0 then
      isp = 0
      break
    end
    d = d + 1
  end
  count = count + isp
end
print(string.format("%d", count))
