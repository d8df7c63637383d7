-- A user's call: {version, data}, or nil.
-- KEYS: the user's call; ARGV: prefix of call hashes
local id = redis.call('GET', KEYS[1])
if not id then
  return nil
end
local found = redis.call('HMGET', ARGV[1] .. id, 'v', 'data')
if not found[1] then
  return nil
end
return found
