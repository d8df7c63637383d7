-- A new call, unless its caller or callee is in one already.
-- KEYS: call hash, caller's call, callee's call, deadlines (sorted set)
-- ARGV: call id, call data, deadline (epoch ms, 0 = none), key time-to-live (ms)
-- Returns 0 = stored, 1 = the caller is in a call, 2 = the callee is.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 1
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  return 2
end
redis.call('HSET', KEYS[1], 'v', '0', 'data', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[4])
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[4])
if tonumber(ARGV[3]) > 0 then
  redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
end
return 0
