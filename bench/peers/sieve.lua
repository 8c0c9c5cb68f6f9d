-- sieve: sieve of Eratosthenes over an array of N flags (1 = prime), count primes below N.
local N = 5000000
local flags = {}
for i = 0, N - 1 do
  flags[i] = 1
end
local i = 2
while i * i < N do
  if flags[i] == 1 then
    for j = i * i, N - 1, i do
      flags[j] = 0
    end
  end
  i = i + 1
end
local count = 0
for k = 2, N - 1 do
  count = count + flags[k]
end
print(string.format("%d", count))
