-- Replaces a call if it still has the version the caller read (compare-and-set).
-- KEYS: call hash, deadlines (sorted set)
-- ARGV: expected version, new data, deadline (epoch ms, 0 = none), call id
-- Returns 1 when replaced, 0 when the call changed or ended meanwhile.
local v = redis.call('HGET', KEYS[1], 'v')
if not v or v ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'v', tostring(tonumber(v) + 1), 'data', ARGV[2])
if tonumber(ARGV[3]) > 0 then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
else
  redis.call('ZREM', KEYS[2], ARGV[4])
end
return 1
