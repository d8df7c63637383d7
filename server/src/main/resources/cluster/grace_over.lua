-- The grace period of ARGV[1] may be over at ARGV[2] (epoch ms).
-- KEYS: conns hash of the user, grace zset, online set
-- Returns 1 to exactly one caller when the user went offline; 0 when they came back, are in a
-- later grace period, or someone else already took them offline.
local deadline = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not deadline or tonumber(deadline) > tonumber(ARGV[2]) then
  return 0
end
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HLEN', KEYS[1]) > 0 then
  return 0
end
return redis.call('SREM', KEYS[3], ARGV[1])
