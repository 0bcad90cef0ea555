/*
 * clusterfile: the server-side scripts of the native Redis/Valkey metadata store (one round trip per
 * operation). Included by src/php_meta_redis.c only.
 *
 * Layout of one namespace N (the DSN's prefix and the cache identifier; one Redis Cluster hash slot):
 *   cf1:{N}:seq        string  the namespace sequence: seeded from the server clock in microseconds
 *                              when missing, incremented by every invalidation
 *   cf1:{N}:tag:<tag>  string  the tag's mark: the sequence at its last invalidation (or, when
 *                              missing, at the first write that needed it)
 *   cf1:{N}:m:<key>    hash    r = the record, g = its tags (space separated), h = its HMAC,
 *                              q = the sequence the write's content was computed at; a tombstone
 *                              (remove()) is r = "" with q = the sequence of the removal;
 *                              p = the payload file's bytes when the write shared them
 *                              (sharedPayloadMaxBytes): written, replaced and expired with r
 *   cf1:{N}:ix:<tag>   zset    key -> expiresAt: the tag index of findIdentifiersByTag()
 *
 * A record is valid while every mark of its tags exists and is <= its q. A missing mark reads as
 * "invalidated" and is re-created at the current sequence, never lower, so a lost mark can only
 * refuse writes, never revive an entry. Numbers travel as decimal strings: Lua's default number
 * formatting (%.14g) would round the microsecond sequence, so every number written is formatted
 * with %.0f (exact below 2^53, i.e. until the year 2255).
 *
 * A key of the wrong type (written by something else) reads as no record and is replaced by the next
 * write: it never wedges an entry.
 *
 * The scripts touch only keys of their namespace (one slot); the mark and index keys they derive
 * from a record's tags share the record's hash tag.
 */
#ifndef CF_REDIS_SCRIPTS_H
#define CF_REDIS_SCRIPTS_H

/* The sequence, created from the server clock when missing (shared preamble). */
#define CF_LUA_SEQ                                                                                                     \
	"local function seq(k)\n"                                                                                          \
	"  local s = redis.call('GET', k)\n"                                                                               \
	"  if not s then\n"                                                                                                \
	"    local t = redis.call('TIME')\n"                                                                               \
	"    redis.call('SET', k, t[1] .. string.format('%06d', tonumber(t[2])), 'NX')\n"                                  \
	"    s = redis.call('GET', k)\n"                                                                                   \
	"  end\n"                                                                                                          \
	"  return s\n"                                                                                                     \
	"end\n"

/*
 * get: KEYS[1] record, KEYS[2] seq; ARGV[1] the namespace's key prefix ("cf1:{N}:").
 * -> {r, g, h, seq} for a valid record, {false, seq} otherwise (seq false when never initialised).
 * Two calls: the record, then the sequence and the marks in one MGET.
 */
static const char cf_lua_get[] =
	"local v = redis.pcall('HMGET', KEYS[1], 'r', 'q', 'g', 'h')\n"
	"if v.err or not v[1] or v[1] == '' then return {false, redis.call('GET', KEYS[2])} end\n"
	"local q = tonumber(v[2])\n"
	"local keys = {KEYS[2]}\n"
	"for t in string.gmatch(v[3] or '', '%S+') do keys[#keys + 1] = ARGV[1] .. 'tag:' .. t end\n"
	"local m = redis.call('MGET', unpack(keys))\n"
	"if not q or #keys == 1 then return {false, m[1]} end\n"
	"for i = 2, #m do\n"
	"  local n = tonumber(m[i])\n"
	"  if not n or n > q then return {false, m[1]} end\n"
	"end\n"
	"return {v[1], v[3], v[4], m[1]}\n";

/*
 * set: KEYS[1] record, KEYS[2] seq, KEYS[3..] the marks of the record's tags (in g's order);
 * ARGV[1] r, ARGV[2] q ("" = now), ARGV[3] ttl (s), ARGV[4] g, ARGV[5] h, ARGV[6] the key prefix,
 * ARGV[7] the record's key (as the index stores it), ARGV[8] expiresAt, ARGV[9] the payload file's
 * bytes to keep beside the record as p ("" = none; the DEL drops an older write's p either way).
 * -> 1 stored; 0 refused: a newer computation or a removal is stored (reason 1 in the second
 * element), or a mark is newer than q: an invalidation happened after the content was computed
 * (reason 2).
 */
static const char cf_lua_set[] =
	CF_LUA_SEQ "local s = seq(KEYS[2])\n"
			   "local q = ARGV[2]\n"
			   "if q == '' then q = s end\n"
			   "local qn = tonumber(q)\n"
			   "local old = redis.pcall('HGET', KEYS[1], 'q')\n"
			   "old = type(old) == 'string' and tonumber(old) or nil\n"
			   "if old and old > qn then return {0, 1} end\n"
			   "for i = 3, #KEYS do redis.call('SET', KEYS[i], s, 'NX') end\n"
			   "if #KEYS >= 3 then\n"
			   "  local m = redis.call('MGET', unpack(KEYS, 3))\n"
			   "  for i = 1, #m do\n"
			   "    local n = tonumber(m[i])\n"
			   "    if not n or n > qn then return {0, 2} end\n"
			   "  end\n"
			   "end\n"
			   "redis.call('DEL', KEYS[1])\n"
			   "redis.call('HSET', KEYS[1], 'r', ARGV[1], 'q', q, 'g', ARGV[4], 'h', ARGV[5])\n"
			   "if ARGV[9] and ARGV[9] ~= '' then redis.call('HSET', KEYS[1], 'p', ARGV[9]) end\n"
			   "redis.call('EXPIRE', KEYS[1], ARGV[3])\n"
			   "for t in string.gmatch(ARGV[4], '%S+') do\n"
			   "  redis.call('ZADD', ARGV[6] .. 'ix:' .. t, ARGV[8], ARGV[7])\n"
			   "end\n"
			   "return {1, 0}\n";

/*
 * remove: KEYS[1] record, KEYS[2] seq; ARGV[1] the tombstone's ttl (s), ARGV[2] the key prefix,
 * ARGV[3] the record's key (as the indexes store it). -> 1 when a record (not a tombstone) was
 * there. The record leaves the indexes of its tags (g), so removed entries do not pile up in them;
 * the tombstone refuses writes computed before it.
 */
static const char cf_lua_remove[] = CF_LUA_SEQ "seq(KEYS[2])\n"
											   "local r = redis.pcall('HGET', KEYS[1], 'r')\n"
											   "local existed = 0\n"
											   "if type(r) == 'string' and r ~= '' then existed = 1 end\n"
											   "local g = redis.pcall('HGET', KEYS[1], 'g')\n"
											   "if type(g) == 'string' then\n"
											   "  for t in string.gmatch(g, '%S+') do\n"
											   "    redis.call('ZREM', ARGV[2] .. 'ix:' .. t, ARGV[3])\n"
											   "  end\n"
											   "end\n"
											   "local s = redis.call('INCR', KEYS[2])\n"
											   "redis.call('DEL', KEYS[1])\n"
											   "redis.call('HSET', KEYS[1], 'r', '', 'q', string.format('%.0f', s))\n"
											   "redis.call('EXPIRE', KEYS[1], ARGV[1])\n"
											   "return existed\n";

/*
 * flush: KEYS[1] seq, KEYS[2..] the marks to bump; ARGV[1] the key prefix. Every mark becomes the
 * new sequence (one INCR for the call: all tags are invalidated at one instant); their indexes go.
 * -> the new sequence (as a string).
 */
static const char cf_lua_flush[] =
	CF_LUA_SEQ "seq(KEYS[1])\n"
			   "local s = string.format('%.0f', redis.call('INCR', KEYS[1]))\n"
			   "local plen = string.len(ARGV[1] .. 'tag:')\n"
			   "for i = 2, #KEYS do\n"
			   "  redis.call('SET', KEYS[i], s)\n"
			   "  redis.call('UNLINK', ARGV[1] .. 'ix:' .. string.sub(KEYS[i], plen + 1))\n"
			   "end\n"
			   "return s\n";

/*
 * payload: KEYS[1] record; ARGV[1] the most bytes the caller takes. -> p, or nil when there is none,
 * it is longer (never sent then), or the key is of another type. The caller verifies the bytes
 * against the record it already holds (checksum and size); the record's validity is not re-checked.
 */
static const char cf_lua_payload[] = "local n = redis.pcall('HSTRLEN', KEYS[1], 'p')\n"
									 "if type(n) ~= 'number' or n == 0 or n > tonumber(ARGV[1]) then return false end\n"
									 "return redis.call('HGET', KEYS[1], 'p')\n";

/*
 * find: KEYS[1] the tag's index; ARGV[1] now. -> the keys whose records have not expired (the
 * caller validates each like get). Expired members are pruned on the way.
 */
static const char cf_lua_find[] = "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])\n"
								  "return redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')\n";

#endif
