-- A socket of a user closed on node ARGV[1]: its slot is given back.
-- KEYS[1]: the user's hash node -> open sockets.
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
