-- sort: N pseudo-random ints (Park-Miller minimal standard LCG), sorted ascending with the
-- default comparison; print a checksum of the sorted order.
local N = 1000000
local a = {}
local x = 42
for i = 0, N - 1 do
  x = x * 16807 % 2147483647
  a[#a + 1] = x
end
table.sort(a)
local c = 0
for i = 1, N do
  c = (c * 31 + a[i]) % 1000000007
end
print(string.format("%d", c))
