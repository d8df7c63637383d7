-- A failed login, counted under each of KEYS (hashes: n = failures, last = ms of the last one).
-- ARGV: now (ms), the window (ms) after the last failure that a count is kept.
for _, key in ipairs(KEYS) do
  redis.call('HINCRBY', key, 'n', 1)
  redis.call('HSET', key, 'last', ARGV[1])
  redis.call('PEXPIRE', key, ARGV[2])
end
return 0
