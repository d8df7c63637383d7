-- Takes one token from a bucket shared by every node (GCRA: the bucket is a "theoretical arrival
-- time"). KEYS[1]: the bucket; ARGV: now (ms), ms per token, burst (tokens held when full).
-- Returns 0 when taken, else how many ms until a token is there. The key expires once the bucket
-- is full again, so an absent key means a full bucket and a user's limit survives reconnects.
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then
  tat = now
end
local after = tat + interval
local wait = after - burst * interval - now
if wait > 0 then
  return math.ceil(wait)
end
redis.call('SET', KEYS[1], after, 'PX', math.ceil(after - now))
return 0
