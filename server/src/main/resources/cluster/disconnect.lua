-- A socket of ARGV[2] closed on node ARGV[1]; ARGV[3] is when the grace period would end.
-- KEYS: conns hash of the user, grace zset, the node's user set
-- Returns 1 when the user has no socket left anywhere: their grace period has begun.
local left = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if left <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('SREM', KEYS[3], ARGV[2])
end
if redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
  return 1
end
return 0
