-- Calls whose deadline has passed: {version, data, version, data, ...}. Ids of calls that are
-- gone (their keys expired) are dropped from the deadlines.
-- KEYS: deadlines (sorted set); ARGV: now (epoch ms), prefix of call hashes, most to return
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local out = {}
for _, id in ipairs(ids) do
  local found = redis.call('HMGET', ARGV[2] .. id, 'v', 'data')
  if found[1] then
    table.insert(out, found[1])
    table.insert(out, found[2])
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
