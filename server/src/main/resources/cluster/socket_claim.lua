-- A slot for a new socket of a user on node ARGV[1], unless they have ARGV[2] open already.
-- KEYS[1]: the user's hash node -> open sockets; KEYS[2]: the nodes zset (live nodes).
-- Fields of nodes that are no longer live (reaped: their sockets are gone) are dropped first.
-- Returns 1 when the slot was taken, 0 when the user is at the cap.
local fields = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #fields, 2 do
  local node = fields[i]
  if node ~= ARGV[1] and not redis.call('ZSCORE', KEYS[2], node) then
    redis.call('HDEL', KEYS[1], node)
  else
    total = total + tonumber(fields[i + 1])
  end
end
if total >= tonumber(ARGV[2]) then
  return 0
end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
return 1
