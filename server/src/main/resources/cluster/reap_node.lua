-- Node ARGV[1] stopped refreshing its heartbeat: its sockets are gone. Each of its users with no
-- socket elsewhere enters the grace period, ending at ARGV[2].
-- KEYS: nodes zset, the dead node's user set; ARGV[3]: key prefix of users' conns hashes;
-- ARGV[4]: the grace zset.
-- Returns how many users were affected (0 when another node already reaped it).
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local users = redis.call('SMEMBERS', KEYS[2])
for _, user in ipairs(users) do
  local conns = ARGV[3] .. user
  redis.call('HDEL', conns, ARGV[1])
  if redis.call('HLEN', conns) == 0 then
    redis.call('ZADD', ARGV[4], ARGV[2], user)
  end
end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[1], ARGV[1])
return #users
