-- A socket of ARGV[2] opened on node ARGV[1].
-- KEYS: conns hash of the user, online set, grace zset, the node's user set
-- Returns 1 when the user was offline everywhere: the caller announces them online.
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('SADD', KEYS[4], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[2])
return redis.call('SADD', KEYS[2], ARGV[2])
