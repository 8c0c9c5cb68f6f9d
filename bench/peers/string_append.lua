-- string_append: append "abc" N times to one string (Lua: table buffer + table.concat),
-- print its length.
local N = 8000000
local buf = {}
for i = 0, N - 1 do
  buf[#buf + 1] = "abc"
end
local s = table.concat(buf)
print(string.format("%d", #s))
