-- Removes a call if it still has the version the caller read, freeing both users.
-- KEYS: call hash, caller's call, callee's call, deadlines (sorted set)
-- ARGV: expected version, call id
-- Returns 1 when removed (the caller ends the call), 0 when it changed or ended meanwhile.
local v = redis.call('HGET', KEYS[1], 'v')
if not v or v ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[2]) == ARGV[2] then
  redis.call('DEL', KEYS[2])
end
if redis.call('GET', KEYS[3]) == ARGV[2] then
  redis.call('DEL', KEYS[3])
end
redis.call('ZREM', KEYS[4], ARGV[2])
return 1
