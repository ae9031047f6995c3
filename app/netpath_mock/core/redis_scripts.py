"""The Lua scripts the Redis backend runs: each is one atomic step of the shared state.

Key layout under the prefix P (default "netpath-mock:"):

    P world                hash   version (a token, new at every seed switch or re-creation),
                                  seed, base (the configured seed that made the world),
                                  gen (counter: every session write gets the next value)
    P sessions             zset   session name -> last use (Unix seconds): registry and LRU
    P s:<name>:m           hash   gen (of the session's last write, 0/absent: empty), base
                                  (gen at which its stores were last created)
    P s:<name>:d           hash   "<store>US<key>" -> "<seq> <json>": the stores' values
    P s:<name>:v           hash   same fields -> gen of their last write (deletions stay here)
    P s:<name>:j           list   journal, newest first: "<size> <entry JSON>" (LPUSH, RPOP past
                                  the count or bytes cap; m's jb sums the sizes)
    P s:<name>:r           hash   "<vendor>US<caller>" -> "<window start> <count>"

US is the unit separator (0x1F). A session is live while its zset score is less than the session
TTL old: the commit script drops expired sessions' keys; the keys' own TTLs (TTL + 1/16, refreshed
at most every TTL/16) are a backstop. The zset also bounds the number of sessions.
Scripts build the keys of other sessions (eviction, reset) from the prefix: the backend targets
a standalone Redis (or a primary with replicas), not Redis Cluster.
"""

from __future__ import annotations

SESSION_SUFFIXES = ("m", "d", "v", "j", "r")

# Shared Lua helpers (prepended to the scripts below).
_LIB = r"""
pcall(redis.replicate_commands)
local function ensure_world(world, seed, base)
  local version = redis.call('HGET', world, 'version')
  if version then return version end
  -- The store lost its data (restarted without persistence, flushed): start a new world from
  -- the calling worker's seed; the new version tells every worker to drop what it cached.
  local t = redis.call('TIME')
  version = t[1] .. '.' .. t[2]
  redis.call('HSET', world, 'version', version, 'seed', seed, 'base', base)
  return version
end
local function drop_session(prefix, name)
  local s = prefix .. 's:' .. name .. ':'
  redis.call('DEL', s .. 'm', s .. 'd', s .. 'v', s .. 'j', s .. 'r')
end
local function drop_all(prefix, zs)
  local names = redis.call('ZRANGE', zs, 0, -1)
  for i = 1, #names do drop_session(prefix, names[i]) end
  redis.call('DEL', zs)
end
"""

# KEYS: world, sessions, m, d, v, j, r
# ARGV: 1 seen world version ('' = not checked), 2 seen session gen ('' = not checked), 3 now,
#       4 session name, 5 bucket field ('' = no bucket), 6 status if allowed, 7 status if
#       refused, 8 journal head ('' = none), 9 journal duration, 10 worker seed, 11 the entry's
#       size (as the in-process journal charges it); then the settings: 12 ttl, 13 max sessions,
#       14 prefix, 15 limit, 16 period, 17 aligned (1/0), 18 max buckets, 19 journal size,
#       20 base seed, 21 journal bytes; 22 number of writes, then (field, payload) pairs;
#       payload '' deletes.
# Returns {'W', version, seed} when the world changed, {'S', gen, 'full'|'delta', field, payload,
# ...} when the session changed since `seen`, else {'OK', allowed, limit, remaining, reset_after,
# gen} (allowed: 1, 0 refused, -1 no bucket counted).
COMMIT = (
    _LIB
    + r"""
local world, zs, m, d, v, j, r = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local now, name, prefix, ttl = tonumber(ARGV[3]), ARGV[4], ARGV[14], tonumber(ARGV[12])
local version = ensure_world(world, ARGV[10], ARGV[20])
if ARGV[1] ~= '' and ARGV[1] ~= version then
  return {'W', version, redis.call('HGET', world, 'seed')}
end
-- Sessions unused for `ttl` seconds are gone: this one starts afresh, the others' keys go too
-- (their TTLs are a backstop, refreshed at most every ttl/16 seconds).
local last = redis.call('ZSCORE', zs, name)
local refresh = true
if ttl > 0 then
  local oldest = now - ttl
  if last and tonumber(last) <= oldest then last = false end
  if not last then drop_session(prefix, name) end
  refresh = (not last) or tonumber(last) < now - ttl / 16
  if refresh then
    -- At most every ttl/16 per session: other sessions' expired keys go (their TTL is later).
    local expired = redis.call('ZRANGEBYSCORE', zs, '-inf', string.format('%.6f', oldest))
    for i = 1, #expired do
      drop_session(prefix, expired[i])
      redis.call('ZREM', zs, expired[i])
    end
  end
end
local gen = redis.call('HGET', m, 'gen') or '0'
if ARGV[2] ~= '' and ARGV[2] ~= gen then
  local seen = tonumber(ARGV[2])
  local base = tonumber(redis.call('HGET', m, 'base') or '0')
  local out = {'S', gen}
  if seen < base or seen > tonumber(gen) then
    out[3] = 'full'
    local all = redis.call('HGETALL', d)
    for i = 1, #all do out[#out + 1] = all[i] end
  else
    out[3] = 'delta'
    local gens = redis.call('HGETALL', v)
    for i = 1, #gens, 2 do
      if tonumber(gens[i + 1]) > seen then
        out[#out + 1] = gens[i]
        out[#out + 1] = redis.call('HGET', d, gens[i]) or ''
      end
    end
  end
  return out
end
local allowed, limit, remaining, reset_after = -1, 0, 0, 0
if ARGV[5] ~= '' then
  local period = tonumber(ARGV[16])
  limit = tonumber(ARGV[15])
  local bucket = redis.call('HGET', r, ARGV[5])
  local start, count = 0, 0
  if bucket then
    local space = string.find(bucket, ' ')
    start = tonumber(string.sub(bucket, 1, space - 1))
    count = tonumber(string.sub(bucket, space + 1))
  end
  if (not bucket) or now >= start + period then
    if ARGV[17] == '1' then start = now - (now % period) else start = now end
    count = 0
    if (not bucket) and redis.call('HLEN', r) >= tonumber(ARGV[18]) then
      local victim = redis.call('HRANDFIELD', r)
      if victim then redis.call('HDEL', r, victim) end
    end
  end
  reset_after = start + period - now
  if count >= limit then
    allowed, remaining = 0, 0
  else
    count = count + 1
    allowed, remaining = 1, limit - count
  end
  redis.call('HSET', r, ARGV[5], string.format('%.6f %d', start, count))
end
local writes = tonumber(ARGV[22])
if writes > 0 and allowed ~= 0 then
  gen = tostring(redis.call('HINCRBY', world, 'gen', 1))
  for i = 0, writes - 1 do
    local field, payload = ARGV[23 + 2 * i], ARGV[24 + 2 * i]
    if payload == '' then
      redis.call('HDEL', d, field)
    else
      redis.call('HSET', d, field, payload)
    end
    redis.call('HSET', v, field, gen)
  end
  redis.call('HSETNX', m, 'base', gen)
  redis.call('HSET', m, 'gen', gen)
  refresh = true
end
if ARGV[8] ~= '' then
  -- Items are "<size> <entry JSON>"; m's jb sums the sizes: the count and bytes caps of the
  -- in-process journal, oldest entries dropped first (never the one just recorded).
  local status = ARGV[6]
  if allowed == 0 then status = ARGV[7] end
  local entry = ARGV[8] .. ',"status":' .. status .. ',"duration_ms":' .. ARGV[9] .. '}'
  redis.call('LPUSH', j, ARGV[11] .. ' ' .. entry)
  local used = redis.call('HINCRBY', m, 'jb', tonumber(ARGV[11]))
  local count = redis.call('LLEN', j)
  local cap, most = tonumber(ARGV[21]), tonumber(ARGV[19])
  while count > 1 and (count > most or used > cap) do
    local dropped = redis.call('RPOP', j)
    used = redis.call('HINCRBY', m, 'jb', -tonumber(string.match(dropped, '^%d+')))
    count = count - 1
  end
end
redis.call('ZADD', zs, now, name)
if ttl > 0 and refresh then
  local backstop = ttl + math.ceil(ttl / 16)
  redis.call('EXPIRE', m, backstop)
  redis.call('EXPIRE', d, backstop)
  redis.call('EXPIRE', v, backstop)
  redis.call('EXPIRE', j, backstop)
  redis.call('EXPIRE', r, backstop)
end
local excess = 0
if not last then excess = redis.call('ZCARD', zs) - tonumber(ARGV[13]) end
if excess > 0 then
  local oldest = redis.call('ZRANGE', zs, 0, excess - 1)
  for i = 1, #oldest do
    if oldest[i] ~= name then
      drop_session(prefix, oldest[i])
      redis.call('ZREM', zs, oldest[i])
    end
  end
end
return {'OK', tostring(allowed), tostring(limit), tostring(remaining),
        string.format('%.6f', reset_after), gen}
"""
)

# KEYS: world, sessions. ARGV: 1 prefix, 2 session ('' = every session), 3 new seed ('' = none),
# 4 worker seed, 5 base seed. Returns {version, seed}.
RESET = (
    _LIB
    + r"""
local world, zs = KEYS[1], KEYS[2]
local version = ensure_world(world, ARGV[4], ARGV[5])
local seed = redis.call('HGET', world, 'seed')
if ARGV[3] ~= '' and ARGV[3] ~= seed then
  local t = redis.call('TIME')
  version = t[1] .. '.' .. t[2]
  seed = ARGV[3]
  redis.call('HSET', world, 'version', version, 'seed', seed)
  drop_all(ARGV[1], zs)
elseif ARGV[2] == '' then
  drop_all(ARGV[1], zs)
else
  drop_session(ARGV[1], ARGV[2])
  redis.call('ZREM', zs, ARGV[2])
end
return {version, seed}
"""
)

# KEYS: world, sessions. ARGV: 1 prefix, 2 configured seed.
# A world made from another configured seed is replaced (the operator changed --seed); one made
# from this seed is joined as it is, with any seed switch made since. Returns {version, seed}.
INIT = (
    _LIB
    + r"""
local world, zs = KEYS[1], KEYS[2]
local version = ensure_world(world, ARGV[2], ARGV[2])
if redis.call('HGET', world, 'base') ~= ARGV[2] then
  local t = redis.call('TIME')
  version = t[1] .. '.' .. t[2]
  redis.call('HSET', world, 'version', version, 'seed', ARGV[2], 'base', ARGV[2])
  drop_all(ARGV[1], zs)
end
return {version, redis.call('HGET', world, 'seed')}
"""
)

# KEYS: world, sessions. ARGV: 1 now, 2 ttl, 3 worker seed, 4 base seed.
# Returns {version, seed, live session count}.
STATUS = (
    _LIB
    + r"""
local world, zs = KEYS[1], KEYS[2]
local version = ensure_world(world, ARGV[3], ARGV[4])
local ttl = tonumber(ARGV[2])
local live
if ttl > 0 then
  live = redis.call('ZCOUNT', zs, '(' .. string.format('%.6f', tonumber(ARGV[1]) - ttl), '+inf')
else
  live = redis.call('ZCARD', zs)
end
return {version, redis.call('HGET', world, 'seed'), live}
"""
)

# KEYS: j, m. Empties a session's journal and its byte count together.
CLEAR_JOURNAL = r"""
redis.call('DEL', KEYS[1])
redis.call('HDEL', KEYS[2], 'jb')
return 1
"""
