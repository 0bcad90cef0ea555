/*
 * clusterfile: the native metadata store over hiredis (see php_meta_redis.h, redis_scripts.h).
 *
 * One topology per thread and DSN endpoint (src/redis_topology.h: a server, a Sentinel group's
 * master, a Redis Cluster's nodes), in the module globals, connected at the first operation (after
 * the FPM fork) and kept across requests (the DSN's persistent=0 closes it at request end).
 * Every operation is one script call. The write-after-invalidate guard: each get() answers the
 * namespace sequence too, and it becomes the key's snapshot: the sequence of the latest read of the
 * key, except that a read which found no record sticks (the caller renders after that miss, however
 * often it looks again). set() sends it, so the server refuses the write when any of the entry's
 * tags was invalidated after the snapshot (or a newer write, or a removal, is stored). A set() of a
 * key without a snapshot sends the unit's first sequence seen (content computed from anything read
 * since), or none. A unit of work ends with the request, ClusterFile\reset() or the backend's
 * reset(); in a worker that calls neither, snapshots older than CF_GUARD_HORIZON_MS are dropped, and
 * at most CF_GUARD_MAX_SNAPSHOTS are kept. Records carry an HMAC over the namespace, the key, the
 * record and its tags; one that does not verify is a miss.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "ext/date/php_date.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "ext/standard/info.h"
#include "php_clusterfile.h"
#include "php_meta_redis.h"
#include "php_errors.h"
#include "hash.h"
#include "dsn.h"
#include "clock.h"

#ifdef CF_HAVE_HIREDIS

#include "redis.h"
#include "redis_topology.h"
#include "redis_scripts.h"
#include "php_meta_redis_record.h"

/* TTL of an unlimited record (it stays volatile, as TYPO3's RedisBackend does), of a tombstone. */
#define CF_REDIS_UNLIMITED_TTL 31536000
#define CF_REDIS_TOMBSTONE_TTL 300
/* Tags per flushByTags() script call. */
#define CF_REDIS_FLUSH_CHUNK 500
/* The guard's memory of one unit of work: how long a snapshot is kept in a worker that never ends
 * its unit of work (a render taking longer loses its guard: the write is stored as on any other
 * backend), and how many keys are remembered (beyond that the table restarts: the unit's first
 * sequence still guards those writes, conservatively). */
#define CF_GUARD_HORIZON_MS    300000
#define CF_GUARD_MAX_SNAPSHOTS 1024

enum { CF_S_GET, CF_S_SET, CF_S_REMOVE, CF_S_FLUSH, CF_S_FIND, CF_S_PAYLOAD, CF_S_COUNT };
static cf_redis_script cf_scripts[CF_S_COUNT];

/* The scripts' SHA1s: made once, at the first use (not in MINIT: libcrypto's first digest costs
 * every PHP process a millisecond, also those that never use the native store). Benign to race
 * under ZTS: every thread computes the same bytes. */
static bool cf_scripts_ready;

static void cf_scripts_init(void)
{
	if (cf_scripts_ready) {
		return;
	}
	cf_redis_script_init(&cf_scripts[CF_S_GET], cf_lua_get, sizeof(cf_lua_get) - 1);
	cf_redis_script_init(&cf_scripts[CF_S_SET], cf_lua_set, sizeof(cf_lua_set) - 1);
	cf_redis_script_init(&cf_scripts[CF_S_REMOVE], cf_lua_remove, sizeof(cf_lua_remove) - 1);
	cf_redis_script_init(&cf_scripts[CF_S_FLUSH], cf_lua_flush, sizeof(cf_lua_flush) - 1);
	cf_redis_script_init(&cf_scripts[CF_S_FIND], cf_lua_find, sizeof(cf_lua_find) - 1);
	cf_redis_script_init(&cf_scripts[CF_S_PAYLOAD], cf_lua_payload, sizeof(cf_lua_payload) - 1);
	cf_scripts_ready = true;
}

typedef struct cf_redis_conn {
	cf_redis_topo t;
	bool persistent;
	zend_string *name; /* the endpoint without the password digest (php --ri) */
} cf_redis_conn;

typedef struct cf_meta_redis {
	zend_string *endpoint; /* the connection's key in CF_G(redis_conns) */
	zend_string *where;    /* the DSN without its password, for messages */
	cf_topo_config topo;   /* to connect (strings owned by dsn) */
	cf_topo_addr seeds[CF_DSN_MAX_HOSTS];
	zend_string *name; /* the endpoint without the password digest */
	cf_dsn dsn;
	bool persistent;
	zend_string *ns;     /* "<prefix>/<cache>" */
	zend_string *prefix; /* "cf1:{<ns>}:" */
	zend_string *seq_key;
	cf_hmac mac;       /* keyed with recordKey / SYS.encryptionKey */
	HashTable pending; /* key -> IS_PTR cf_guard_snapshot */
	zend_string *first_seq;
	int64_t first_seq_ms; /* when first_seq was seen (monotonic ms) */
	/* the lowest sequence of miss snapshots dropped when the table was full of them: every snapshot
	 * taken after that is at most this (conservative: such writes may be refused, never let through) */
	zend_string *floor;
	int64_t floor_ms;
	int64_t pruned_ms; /* the last horizon pruning */
	zend_ulong epoch;
} cf_meta_redis;

typedef struct cf_guard_snapshot {
	zend_string *seq;
	int64_t taken_ms;
	bool miss; /* the read found no record: kept until a set(), a remove() or the unit's end */
} cf_guard_snapshot;

static void cf_guard_snapshot_dtor(zval *zv)
{
	cf_guard_snapshot *g = Z_PTR_P(zv);
	zend_string_release(g->seq);
	efree(g);
}

static void *cf_pm_alloc(size_t n, void *ctx)
{
	(void)ctx;
	return pemalloc(n ? n : 1, 1);
}
static void *cf_pm_realloc(void *p, size_t n, void *ctx)
{
	(void)ctx;
	return perealloc(p, n ? n : 1, 1);
}
static void cf_pm_free(void *p, void *ctx)
{
	(void)ctx;
	pefree(p, 1);
}
static const cf_allocator cf_persistent_allocator = {cf_pm_alloc, cf_pm_realloc, cf_pm_free, NULL};

static cf_meta_redis *cf_mr(cf_meta *m)
{
	return (cf_meta_redis *)m->native;
}

/* ---- connections -------------------------------------------------------------------------- */

static void cf_redis_conn_dtor(zval *zv)
{
	cf_redis_conn *c = Z_PTR_P(zv);
	cf_topo_dtor(&c->t);
	zend_string_release(c->name);
	pefree(c, 1);
}

static cf_redis_topo *cf_conn(cf_meta_redis *s)
{
	cf_redis_conn *c;

	if (!CF_G(redis_conns)) {
		CF_G(redis_conns) = pemalloc(sizeof(HashTable), 1);
		zend_hash_init(CF_G(redis_conns), 4, NULL, cf_redis_conn_dtor, 1);
	}
	c = zend_hash_find_ptr(CF_G(redis_conns), s->endpoint);
	if (c) {
		c->persistent = c->persistent && s->persistent;
		return &c->t;
	}
	c = pemalloc(sizeof(*c), 1);
	if (!cf_topo_init(&c->t, &s->topo)) {
		pefree(c, 1);
		return NULL;
	}
	c->persistent = s->persistent;
	c->name = zend_string_init(ZSTR_VAL(s->name), ZSTR_LEN(s->name), 1);
	/* persistent key: the table outlives the request */
	zend_string *k = zend_string_init(ZSTR_VAL(s->endpoint), ZSTR_LEN(s->endpoint), 1);
	zend_hash_add_new_ptr(CF_G(redis_conns), k, c);
	zend_string_release(k);
	return &c->t;
}

/* ---- the request-scoped snapshot ---------------------------------------------------------- */

static int cf_mr_prune_one(zval *zv, void *arg)
{
	const cf_guard_snapshot *g = Z_PTR_P(zv);
	return *(const int64_t *)arg - g->taken_ms > CF_GUARD_HORIZON_MS ? ZEND_HASH_APPLY_REMOVE : ZEND_HASH_APPLY_KEEP;
}

static int cf_mr_drop_non_miss(zval *zv)
{
	return ((const cf_guard_snapshot *)Z_PTR_P(zv))->miss ? ZEND_HASH_APPLY_KEEP : ZEND_HASH_APPLY_REMOVE;
}

/* Sequences are decimal strings of digits without leading zeros: shorter is smaller. */
static int cf_mr_seq_cmp(const zend_string *a, const zend_string *b)
{
	if (ZSTR_LEN(a) != ZSTR_LEN(b)) {
		return ZSTR_LEN(a) < ZSTR_LEN(b) ? -1 : 1;
	}
	return memcmp(ZSTR_VAL(a), ZSTR_VAL(b), ZSTR_LEN(a));
}

static bool cf_mr_seq_ok(const char *p, size_t len)
{
	size_t i;
	if (len == 0 || len > 20) {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return false;
		}
	}
	return true;
}

static void cf_mr_drop_floor(cf_meta_redis *s)
{
	if (s->floor) {
		zend_string_release(s->floor);
		s->floor = NULL;
	}
}

/* The table is full: drop the snapshots of reads that found a record first; when every one is a
 * miss (renders in flight), keep their lowest sequence as the floor of all later snapshots. */
static void cf_mr_make_room(cf_meta_redis *s)
{
	zend_hash_apply(&s->pending, cf_mr_drop_non_miss);
	if (zend_hash_num_elements(&s->pending) < CF_GUARD_MAX_SNAPSHOTS) {
		return;
	}
	cf_guard_snapshot *g;
	zend_string *low = s->floor;
	ZEND_HASH_FOREACH_PTR(&s->pending, g)
	{
		if (!low || cf_mr_seq_cmp(g->seq, low) < 0) {
			low = g->seq;
		}
	}
	ZEND_HASH_FOREACH_END();
	if (low != s->floor) {
		zend_string *keep = zend_string_copy(low);
		cf_mr_drop_floor(s);
		s->floor = keep;
	}
	s->floor_ms = cf_monotonic_ms();
	zend_hash_clean(&s->pending);
}

/* The unit of work is over: forget its snapshots. */
static void cf_mr_forget(cf_meta_redis *s)
{
	zend_hash_clean(&s->pending);
	if (s->first_seq) {
		zend_string_release(s->first_seq);
		s->first_seq = NULL;
	}
	cf_mr_drop_floor(s);
}

static void cf_mr_epoch(cf_meta_redis *s)
{
	if (s->epoch != CF_G(request_epoch)) {
		cf_mr_forget(s);
		s->epoch = CF_G(request_epoch);
		return;
	}
	/* a worker that never ends its unit of work: drop what is past the horizon, once a second */
	int64_t now = cf_monotonic_ms();
	if (now - s->pruned_ms < 1000) {
		return;
	}
	s->pruned_ms = now;
	if (s->first_seq && now - s->first_seq_ms > CF_GUARD_HORIZON_MS) {
		zend_string_release(s->first_seq);
		s->first_seq = NULL;
	}
	if (s->floor && now - s->floor_ms > CF_GUARD_HORIZON_MS) {
		cf_mr_drop_floor(s);
	}
	zend_hash_apply_with_argument(&s->pending, cf_mr_prune_one, &now);
}

/* A read answered the sequence seq; miss: it found no valid record (the caller renders next). */
static void cf_mr_observe(cf_meta_redis *s, zend_string *key, const redisReply *seq, bool miss)
{
	if (!seq || seq->type != REDIS_REPLY_STRING || !cf_mr_seq_ok(seq->str, seq->len)) {
		return; /* not a sequence (a key edited by something else): nothing to guard with */
	}
	int64_t now = cf_monotonic_ms();
	if (!s->first_seq) {
		s->first_seq = zend_string_init(seq->str, seq->len, 0);
		s->first_seq_ms = now;
	}
	cf_guard_snapshot *g = zend_hash_find_ptr(&s->pending, key);
	if (g) {
		if (g->miss) {
			return;
		}
		zend_string_release(g->seq);
	} else {
		if (zend_hash_num_elements(&s->pending) >= CF_GUARD_MAX_SNAPSHOTS) {
			cf_mr_make_room(s);
		}
		g = emalloc(sizeof(*g));
		zend_hash_add_new_ptr(&s->pending, key, g);
	}
	g->seq = zend_string_init(seq->str, seq->len, 0);
	g->taken_ms = now;
	g->miss = miss;
	if (s->floor && cf_mr_seq_cmp(s->floor, g->seq) < 0) {
		/* this key may have been one of the renders dropped: no later than the floor, and it sticks */
		zend_string_release(g->seq);
		g->seq = zend_string_copy(s->floor);
		g->miss = true;
	}
}

/* ---- keys, the HMAC, the record ----------------------------------------------------------- */

static zend_string *cf_mr_key(cf_meta_redis *s, const char *kind, const char *name, size_t len)
{
	size_t klen = strlen(kind);
	zend_string *k = zend_string_alloc(ZSTR_LEN(s->prefix) + klen + len, 0);
	memcpy(ZSTR_VAL(k), ZSTR_VAL(s->prefix), ZSTR_LEN(s->prefix));
	memcpy(ZSTR_VAL(k) + ZSTR_LEN(s->prefix), kind, klen);
	memcpy(ZSTR_VAL(k) + ZSTR_LEN(s->prefix) + klen, name, len);
	ZSTR_VAL(k)[ZSTR_LEN(k)] = '\0';
	return k;
}

static bool cf_mr_hmac(cf_meta_redis *s, zend_string *key, const char *r, size_t rlen, const char *g, size_t glen,
	char out[CF_HEX64_LEN + 1])
{
	static const char nul = '\0';
	/* "cf1" NUL ns NUL key NUL r NUL g (r and g hold no NUL) */
	cf_iov parts[9] = {{"cf1", 3}, {&nul, 1}, {ZSTR_VAL(s->ns), ZSTR_LEN(s->ns)}, {&nul, 1},
		{ZSTR_VAL(key), ZSTR_LEN(key)}, {&nul, 1}, {r, rlen}, {&nul, 1}, {g, glen}};
	return cf_hmac_hex_iov(&s->mac, parts, 9, out) == 0;
}

/* ---- errors ----------------------------------------------------------------------------------- */

static void cf_mr_fail(cf_meta_redis *s, cf_redis_topo *r, const char *op, const redisReply *rep)
{
	const char *where = ZSTR_VAL(s->where);
	if (rep && rep->type == REDIS_REPLY_ERROR) {
		cf_throw_plain(CF_E_META_REDIS, "metadata store %s: %s refused: %.*s", where, op,
			(int)(rep->len > 200 ? 200 : rep->len), rep->str);
	} else if (rep) {
		cf_throw_plain(CF_E_META_REDIS, "metadata store %s: %s: unexpected reply (type %d)", where, op, rep->type);
	} else {
		cf_throw_plain(CF_E_META_REDIS, "metadata store %s: %s failed: %s", where, op,
			r ? r->err : "cannot allocate a connection");
	}
}

/* One script call; NULL (exception thrown) on a transport failure or an error reply. */
static redisReply *cf_mr_eval(
	cf_meta_redis *s, int script, const char *op, int nkeys, int argc, const char **argv, const size_t *lens)
{
	cf_redis_topo *r = cf_conn(s);
	cf_scripts_init();
	redisReply *rep = r ? cf_topo_eval(r, &cf_scripts[script], nkeys, argc, argv, lens) : NULL;
	if (!rep || rep->type == REDIS_REPLY_ERROR) {
		cf_mr_fail(s, r, op, rep);
		if (rep) {
			freeReplyObject(rep);
		}
		return NULL;
	}
	return rep;
}

/* ---- the operations ------------------------------------------------------------------------ */

static zend_result cf_mr_get(cf_meta *m, zend_string *key, zval *rv)
{
	cf_meta_redis *s = cf_mr(m);
	ZVAL_NULL(rv);
	cf_mr_epoch(s);
	zend_string *mkey = cf_mr_key(s, "m:", ZSTR_VAL(key), ZSTR_LEN(key));
	const char *argv[3] = {ZSTR_VAL(mkey), ZSTR_VAL(s->seq_key), ZSTR_VAL(s->prefix)};
	size_t lens[3] = {ZSTR_LEN(mkey), ZSTR_LEN(s->seq_key), ZSTR_LEN(s->prefix)};
	redisReply *rep = cf_mr_eval(s, CF_S_GET, "get", 2, 3, argv, lens);
	zend_string_release(mkey);
	if (!rep) {
		return FAILURE;
	}
	if (rep->type != REDIS_REPLY_ARRAY || (rep->elements != 2 && rep->elements != 4)) {
		cf_mr_fail(s, NULL, "get", rep);
		freeReplyObject(rep);
		return FAILURE;
	}
	redisReply *seq = rep->element[rep->elements - 1];
	if (rep->elements == 4) {
		redisReply *r = rep->element[0], *g = rep->element[1], *h = rep->element[2];
		char mac[CF_HEX64_LEN + 1];
		if (r->type == REDIS_REPLY_STRING && g->type == REDIS_REPLY_STRING && h->type == REDIS_REPLY_STRING &&
			h->len == CF_HEX64_LEN && cf_mr_hmac(s, key, r->str, r->len, g->str, g->len, mac) &&
			cf_hex64_equals(mac, h->str)) {
			if (!cf_mr_decode(r->str, r->len, rv)) {
				ZVAL_NULL(rv);
			}
		}
		/* a record whose HMAC does not verify was forged or edited: no record */
	}
	cf_mr_observe(s, key, seq, Z_TYPE_P(rv) != IS_ARRAY);
	freeReplyObject(rep);
	return SUCCESS;
}

static zend_result cf_mr_set(cf_meta *m, zend_string *key, zval *record, zval *tags, zend_long lifetime,
	const char *shared, size_t shared_len, bool *stored)
{
	cf_meta_redis *s = cf_mr(m);
	smart_str r = {0}, g = {0};
	char mac[CF_HEX64_LEN + 1];
	char ttl[24], exp[24];
	*stored = false;
	cf_mr_epoch(s);
	if (!cf_mr_encode(record, &r) || !cf_mr_join(&g, tags) || !g.s) {
		smart_str_free(&r);
		smart_str_free(&g);
		cf_throw_plain(CF_E_META_REDIS, "metadata store %s: set: the record cannot be encoded", ZSTR_VAL(s->where));
		return FAILURE;
	}
	smart_str_0(&g);
	if (!cf_mr_hmac(s, key, ZSTR_VAL(r.s), ZSTR_LEN(r.s), ZSTR_VAL(g.s), ZSTR_LEN(g.s), mac)) {
		smart_str_free(&r);
		smart_str_free(&g);
		cf_throw_plain(CF_E_META_REDIS, "metadata store %s: set: HMAC failed", ZSTR_VAL(s->where));
		return FAILURE;
	}
	zval *ev = zend_hash_str_find_deref(Z_ARRVAL_P(record), "expiresAt", 9);
	size_t ttl_len =
		(size_t)snprintf(ttl, sizeof(ttl), ZEND_LONG_FMT, lifetime > 0 ? lifetime : CF_REDIS_UNLIMITED_TTL);
	size_t exp_len =
		(size_t)snprintf(exp, sizeof(exp), ZEND_LONG_FMT, ev && Z_TYPE_P(ev) == IS_LONG ? Z_LVAL_P(ev) : 0);
	cf_guard_snapshot *snap = zend_hash_find_ptr(&s->pending, key);
	zend_string *qs = snap ? snap->seq : (s->first_seq ? s->first_seq : s->floor);

	uint32_t ntags = zend_hash_num_elements(Z_ARRVAL_P(tags));
	int nkeys = 2 + (int)ntags;
	int argc = nkeys + 9;
	const char **argv = safe_emalloc((size_t)argc, sizeof(*argv), 0);
	size_t *lens = safe_emalloc((size_t)argc, sizeof(*lens), 0);
	zend_string **marks = safe_emalloc(ntags ? ntags : 1, sizeof(*marks), 0);
	zend_string *mkey = cf_mr_key(s, "m:", ZSTR_VAL(key), ZSTR_LEN(key));
	int i = 0;
	argv[i] = ZSTR_VAL(mkey), lens[i++] = ZSTR_LEN(mkey);
	argv[i] = ZSTR_VAL(s->seq_key), lens[i++] = ZSTR_LEN(s->seq_key);
	zval *t;
	uint32_t k = 0;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(tags), t)
	{
		ZVAL_DEREF(t);
		marks[k] = cf_mr_key(s, "tag:", Z_STRVAL_P(t), Z_STRLEN_P(t));
		argv[i] = ZSTR_VAL(marks[k]), lens[i++] = ZSTR_LEN(marks[k]);
		k++;
	}
	ZEND_HASH_FOREACH_END();
	argv[i] = ZSTR_VAL(r.s), lens[i++] = ZSTR_LEN(r.s);
	argv[i] = qs ? ZSTR_VAL(qs) : "", lens[i++] = qs ? ZSTR_LEN(qs) : 0;
	argv[i] = ttl, lens[i++] = ttl_len;
	argv[i] = ZSTR_VAL(g.s), lens[i++] = ZSTR_LEN(g.s);
	argv[i] = mac, lens[i++] = CF_HEX64_LEN;
	argv[i] = ZSTR_VAL(s->prefix), lens[i++] = ZSTR_LEN(s->prefix);
	argv[i] = ZSTR_VAL(key), lens[i++] = ZSTR_LEN(key);
	argv[i] = exp, lens[i++] = exp_len;
	/* the payload file's bytes to keep beside the record (sharedPayloadMaxBytes), if the backend gave them */
	argv[i] = shared ? shared : "", lens[i++] = shared ? shared_len : 0;
	redisReply *rep = cf_mr_eval(s, CF_S_SET, "set", nkeys, i, argv, lens);
	for (k = 0; k < ntags; k++) {
		zend_string_release(marks[k]);
	}
	efree(marks);
	efree(argv);
	efree(lens);
	zend_string_release(mkey);
	smart_str_free(&r);
	smart_str_free(&g);
	if (!rep) {
		return FAILURE;
	}
	if (rep->type != REDIS_REPLY_ARRAY || rep->elements != 2 || rep->element[0]->type != REDIS_REPLY_INTEGER) {
		cf_mr_fail(s, NULL, "set", rep);
		freeReplyObject(rep);
		return FAILURE;
	}
	*stored = rep->element[0]->integer == 1;
	freeReplyObject(rep);
	/* the snapshot served this write: a later get/set pair of the unit of work takes a new one */
	zend_hash_del(&s->pending, key);
	return SUCCESS;
}

/* The payload bytes beside key's record (sharedPayloadMaxBytes): one more script call, on a blob miss only. */
static zend_result cf_mr_get_shared_payload(cf_meta *m, zend_string *key, size_t max_len, zend_string **out)
{
	cf_meta_redis *s = cf_mr(m);
	char max[24];
	*out = NULL;
	cf_mr_epoch(s);
	zend_string *mkey = cf_mr_key(s, "m:", ZSTR_VAL(key), ZSTR_LEN(key));
	size_t max_len_len = (size_t)snprintf(max, sizeof(max), "%zu", max_len);
	const char *argv[2] = {ZSTR_VAL(mkey), max};
	size_t lens[2] = {ZSTR_LEN(mkey), max_len_len};
	redisReply *rep = cf_mr_eval(s, CF_S_PAYLOAD, "get payload", 1, 2, argv, lens);
	zend_string_release(mkey);
	if (!rep) {
		return FAILURE;
	}
	if (rep->type == REDIS_REPLY_STRING && rep->len > 0 && rep->len <= max_len) {
		*out = zend_string_init(rep->str, rep->len, 0);
	}
	freeReplyObject(rep);
	return SUCCESS;
}

static zend_result cf_mr_remove(cf_meta *m, zend_string *key, bool *removed)
{
	cf_meta_redis *s = cf_mr(m);
	char ttl[24];
	cf_mr_epoch(s);
	zend_string *mkey = cf_mr_key(s, "m:", ZSTR_VAL(key), ZSTR_LEN(key));
	size_t ttl_len = (size_t)snprintf(ttl, sizeof(ttl), "%d", CF_REDIS_TOMBSTONE_TTL);
	const char *argv[5] = {ZSTR_VAL(mkey), ZSTR_VAL(s->seq_key), ttl, ZSTR_VAL(s->prefix), ZSTR_VAL(key)};
	size_t lens[5] = {ZSTR_LEN(mkey), ZSTR_LEN(s->seq_key), ttl_len, ZSTR_LEN(s->prefix), ZSTR_LEN(key)};
	redisReply *rep = cf_mr_eval(s, CF_S_REMOVE, "remove", 2, 5, argv, lens);
	zend_string_release(mkey);
	if (!rep) {
		return FAILURE;
	}
	*removed = rep->type == REDIS_REPLY_INTEGER && rep->integer == 1;
	freeReplyObject(rep);
	zend_hash_del(&s->pending, key);
	return SUCCESS;
}

/* One flush script call over tags[0..n). */
static zend_result cf_mr_flush_chunk(cf_meta_redis *s, zend_string **tags, uint32_t n)
{
	const char **argv = safe_emalloc((size_t)n + 2, sizeof(*argv), 0);
	size_t *lens = safe_emalloc((size_t)n + 2, sizeof(*lens), 0);
	zend_string **marks = safe_emalloc(n ? n : 1, sizeof(*marks), 0);
	uint32_t i;
	argv[0] = ZSTR_VAL(s->seq_key);
	lens[0] = ZSTR_LEN(s->seq_key);
	for (i = 0; i < n; i++) {
		marks[i] = cf_mr_key(s, "tag:", ZSTR_VAL(tags[i]), ZSTR_LEN(tags[i]));
		argv[1 + i] = ZSTR_VAL(marks[i]);
		lens[1 + i] = ZSTR_LEN(marks[i]);
	}
	argv[1 + n] = ZSTR_VAL(s->prefix);
	lens[1 + n] = ZSTR_LEN(s->prefix);
	redisReply *rep = cf_mr_eval(s, CF_S_FLUSH, "flushByTag", (int)n + 1, (int)n + 2, argv, lens);
	for (i = 0; i < n; i++) {
		zend_string_release(marks[i]);
	}
	efree(marks);
	efree(argv);
	efree(lens);
	if (!rep) {
		return FAILURE;
	}
	if (rep->type != REDIS_REPLY_STRING || !cf_mr_seq_ok(rep->str, rep->len)) {
		/* not the script's answer (the new sequence): the invalidation is not known to be done */
		cf_mr_fail(s, NULL, "flushByTag", rep);
		freeReplyObject(rep);
		return FAILURE;
	}
	freeReplyObject(rep);
	return SUCCESS;
}

static zend_result cf_mr_flush_by_tag(cf_meta *m, zend_string *tag)
{
	cf_meta_redis *s = cf_mr(m);
	cf_mr_epoch(s);
	return cf_mr_flush_chunk(s, &tag, 1);
}

static zend_result cf_mr_flush_by_tags(cf_meta *m, zval *tags)
{
	cf_meta_redis *s = cf_mr(m);
	zend_string *chunk[CF_REDIS_FLUSH_CHUNK];
	uint32_t n = 0;
	zval *t;
	cf_mr_epoch(s);
	if (Z_TYPE_P(tags) != IS_ARRAY) {
		return SUCCESS;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(tags), t)
	{
		ZVAL_DEREF(t);
		if (Z_TYPE_P(t) != IS_STRING) {
			continue;
		}
		chunk[n++] = Z_STR_P(t);
		if (n == CF_REDIS_FLUSH_CHUNK) {
			if (cf_mr_flush_chunk(s, chunk, n) == FAILURE) {
				return FAILURE;
			}
			n = 0;
		}
	}
	ZEND_HASH_FOREACH_END();
	return n ? cf_mr_flush_chunk(s, chunk, n) : SUCCESS;
}

static zend_result cf_mr_find_by_tag(cf_meta *m, zend_string *tag, zval *rv)
{
	cf_meta_redis *s = cf_mr(m);
	char now[24];
	array_init(rv);
	cf_mr_epoch(s);
	zend_string *ix = cf_mr_key(s, "ix:", ZSTR_VAL(tag), ZSTR_LEN(tag));
	size_t now_len = (size_t)snprintf(now, sizeof(now), "%lld", (long long)php_time());
	const char *argv[2] = {ZSTR_VAL(ix), now};
	size_t lens[2] = {ZSTR_LEN(ix), now_len};
	redisReply *rep = cf_mr_eval(s, CF_S_FIND, "findIdentifiersByTag", 1, 2, argv, lens);
	zend_string_release(ix);
	if (!rep) {
		return FAILURE;
	}
	if (rep->type == REDIS_REPLY_ARRAY) {
		size_t i;
		for (i = 0; i < rep->elements; i++) {
			if (rep->element[i]->type == REDIS_REPLY_STRING) {
				add_next_index_stringl(rv, rep->element[i]->str, rep->element[i]->len);
			}
		}
	}
	freeReplyObject(rep);
	return SUCCESS;
}

/* Records expire by their TTL and the indexes are pruned by findIdentifiersByTag: nothing to do that
 * needs a walk of the keyspace. */
static zend_result cf_mr_collect_garbage(cf_meta *m)
{
	(void)m;
	return SUCCESS;
}

static zend_object *cf_mr_backend_object(cf_meta *m)
{
	(void)m;
	return NULL;
}

static void cf_mr_dtor(cf_meta *m)
{
	cf_meta_redis *s = cf_mr(m);
	if (!s) {
		return;
	}
	zend_string_release(s->endpoint);
	zend_string_release(s->name);
	zend_string_release(s->where);
	zend_string_release(s->ns);
	zend_string_release(s->prefix);
	zend_string_release(s->seq_key);
	cf_hmac_free(&s->mac);
	zend_hash_destroy(&s->pending);
	if (s->first_seq) {
		zend_string_release(s->first_seq);
	}
	if (s->floor) {
		zend_string_release(s->floor);
	}
	cf_dsn_free(&s->dsn, &cf_persistent_allocator);
	efree(s);
	m->native = NULL;
}

static void cf_mr_get_gc(cf_meta *m, zend_get_gc_buffer *buf)
{
	(void)m;
	(void)buf;
}

static void cf_mr_end_unit(cf_meta *m)
{
	cf_mr_forget(cf_mr(m));
}

static const cf_meta_ops cf_meta_redis_ops = {
	cf_mr_get,
	cf_mr_set,
	cf_mr_remove,
	cf_mr_flush_by_tag,
	cf_mr_flush_by_tags,
	cf_mr_find_by_tag,
	cf_mr_collect_garbage,
	cf_mr_backend_object,
	cf_mr_dtor,
	cf_mr_get_gc,
	cf_mr_end_unit,
	cf_mr_get_shared_payload,
};

/* TYPO3's SYS.encryptionKey, when set and a non-empty string. */
static zend_string *cf_typo3_encryption_key(void)
{
	zval *conf = zend_hash_str_find_deref(&EG(symbol_table), ZEND_STRL("TYPO3_CONF_VARS"));
	zval *v;
	if (!conf || Z_TYPE_P(conf) != IS_ARRAY) {
		return NULL;
	}
	v = zend_hash_str_find_deref(Z_ARRVAL_P(conf), ZEND_STRL("SYS"));
	if (!v || Z_TYPE_P(v) != IS_ARRAY) {
		return NULL;
	}
	v = zend_hash_str_find_deref(Z_ARRVAL_P(v), ZEND_STRL("encryptionKey"));
	if (!v || Z_TYPE_P(v) != IS_STRING || Z_STRLEN_P(v) == 0) {
		return NULL;
	}
	return zend_string_copy(Z_STR_P(v));
}

zend_result cf_meta_redis_check(const cf_options *o)
{
	char err[256];
	cf_dsn d;
	zend_string *key;
	if (!o->metadata_dsn) {
		return SUCCESS;
	}
	if (cf_dsn_parse(o->metadata_dsn, strlen(o->metadata_dsn), &cf_persistent_allocator, &d, err, sizeof(err)) !=
		CF_DSN_OK) {
		/* options.c accepted it: only memory can fail here */
		cf_throw_invalid_cache(CF_E_OPTIONS_INVALID, "ClusterFileBackend options invalid:\n[metadataDsn] %s", err);
		return FAILURE;
	}
	bool cluster_db = d.kind == CF_DSN_CLUSTER && d.db != 0;
	cf_dsn_free(&d, &cf_persistent_allocator);
	if (cluster_db) {
		/* dsn.c refuses a /db on redis-cluster:// already: kept in case the grammar grows one */
		cf_throw_invalid_cache(CF_E_OPTIONS_INVALID,
			"ClusterFileBackend options invalid:\n[metadataDsn] a Redis Cluster has database 0 only "
			"(redis-cluster:// takes no db)");
		return FAILURE;
	}
	key = o->record_key ? NULL : cf_typo3_encryption_key();
	if (!o->record_key && !key) {
		cf_throw_invalid_cache(CF_E_OPTIONS_INVALID,
			"ClusterFileBackend options invalid:\n[recordKey] Required with metadataDsn when "
			"$GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] is not set");
		return FAILURE;
	}
	if (key) {
		zend_string_release(key);
	}
	return SUCCESS;
}

bool cf_meta_redis_available(void)
{
	return true;
}

zend_result cf_meta_redis_init(cf_meta *m, const cf_options *o, zend_string *cache_name)
{
	char err[256];
	char buf[512];
	zend_string *record_key =
		o->record_key ? zend_string_init(o->record_key, strlen(o->record_key), 0) : cf_typo3_encryption_key();
	if (!record_key) {
		cf_throw_invalid_cache(CF_E_OPTIONS_INVALID,
			"ClusterFileBackend options invalid:\n[recordKey] Required with metadataDsn when "
			"$GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] is not set");
		return FAILURE;
	}
	cf_meta_redis *s = ecalloc(1, sizeof(*s));
	if (cf_dsn_parse(o->metadata_dsn, strlen(o->metadata_dsn), &cf_persistent_allocator, &s->dsn, err, sizeof(err)) !=
		CF_DSN_OK) {
		zend_string_release(record_key);
		efree(s);
		cf_throw_invalid_cache(CF_E_OPTIONS_INVALID, "ClusterFileBackend options invalid:\n[metadataDsn] %s", err);
		return FAILURE;
	}
	cf_topo_config *tc = &s->topo;
	size_t i;
	tc->kind = s->dsn.kind == CF_DSN_SENTINEL  ? CF_TOPO_SENTINEL
			   : s->dsn.kind == CF_DSN_CLUSTER ? CF_TOPO_CLUSTER
											   : CF_TOPO_SINGLE;
	tc->node.host = s->dsn.kind == CF_DSN_TCP ? s->dsn.hosts[0].host : NULL;
	tc->node.port = s->dsn.kind == CF_DSN_TCP ? s->dsn.hosts[0].port : 0;
	tc->node.socket_path = s->dsn.kind == CF_DSN_UNIX ? s->dsn.socket_path : NULL;
	tc->node.user = s->dsn.user;
	tc->node.password = s->dsn.password;
	tc->node.db = s->dsn.db;
	tc->node.timeout_ms = s->dsn.timeout_ms;
	tc->node.read_timeout_ms = s->dsn.read_timeout_ms;
	for (i = 0; tc->kind != CF_TOPO_SINGLE && i < s->dsn.nhosts && i < CF_DSN_MAX_HOSTS; i++) {
		s->seeds[i].host = s->dsn.hosts[i].host;
		s->seeds[i].port = s->dsn.hosts[i].port;
	}
	tc->seeds = s->seeds;
	tc->nseeds = tc->kind == CF_TOPO_SINGLE ? 0 : i;
	tc->master_name = s->dsn.master_name;
	s->persistent = s->dsn.persistent;
	/* the identity of the connection: every host (sentinels, seeds), the master name, the db and the
	 * user - two ACL users never share a connection */
	smart_str id = {0};
	for (i = 0; i < (s->dsn.kind == CF_DSN_UNIX ? 1 : s->dsn.nhosts); i++) {
		size_t n = cf_dsn_endpoint(&s->dsn, i, buf, sizeof(buf));
		if (i > 0) {
			smart_str_appendc(&id, ',');
		}
		if (n < sizeof(buf)) {
			smart_str_appendl(&id, buf, n);
		} else {
			/* a long user name: the whole identity, never a truncated one two DSNs could share */
			char *big = emalloc(n + 1);
			cf_dsn_endpoint(&s->dsn, i, big, n + 1);
			smart_str_appendl(&id, big, n);
			efree(big);
		}
	}
	smart_str_0(&id);
	s->name = id.s ? id.s : ZSTR_EMPTY_ALLOC();
	/* and the password: a connection authenticated with one is never lent to a DSN with another
	 * (by a digest: the table's keys are shown nowhere, but the password stays out of them) */
	char pw[CF_HEX64_LEN + 1] = "";
	if (s->dsn.password) {
		cf_sha256_hex(s->dsn.password, strlen(s->dsn.password), pw);
	}
	s->endpoint = zend_strpprintf(0, "%s#%.16s", ZSTR_VAL(s->name), pw);
	s->where = cf_meta_redis_redacted_dsn(o->metadata_dsn, strlen(o->metadata_dsn));
	s->ns = zend_strpprintf(0, "%s/%s", s->dsn.prefix, ZSTR_VAL(cache_name));
	s->prefix = zend_strpprintf(0, "cf1:{%s}:", ZSTR_VAL(s->ns));
	s->seq_key = zend_strpprintf(0, "%sseq", ZSTR_VAL(s->prefix));
	if (cf_hmac_init(&s->mac, ZSTR_VAL(record_key), ZSTR_LEN(record_key)) != 0) {
		/* libcrypto out of memory: the store is unusable (freed by the backend with the rest) */
		zend_string_release(record_key);
		cf_throw_plain(CF_E_META_REDIS, "metadata store %s: HMAC setup failed", ZSTR_VAL(s->where));
		zend_hash_init(&s->pending, 8, NULL, cf_guard_snapshot_dtor, 0);
		m->ops = &cf_meta_redis_ops;
		m->native = s;
		cf_mr_dtor(m);
		m->ops = NULL;
		return FAILURE;
	}
	zend_string_release(record_key);
	zend_hash_init(&s->pending, 8, NULL, cf_guard_snapshot_dtor, 0);
	s->epoch = CF_G(request_epoch);
	s->pruned_ms = cf_monotonic_ms();
	m->ops = &cf_meta_redis_ops;
	m->depth = 0;
	ZVAL_UNDEF(&m->frontend);
	m->backend_obj = NULL;
	m->native = s;
	return SUCCESS;
}

zend_string *cf_meta_redis_redacted_dsn(const char *dsn, size_t len)
{
	size_t n = cf_dsn_redact(dsn, len, NULL, 0);
	zend_string *out = zend_string_alloc(n, 0);
	cf_dsn_redact(dsn, len, ZSTR_VAL(out), n + 1);
	return out;
}

void cf_meta_redis_minit(void) {}

void cf_meta_redis_rshutdown(void)
{
	cf_redis_conn *c;
	if (!CF_G(redis_conns)) {
		return;
	}
	ZEND_HASH_FOREACH_PTR(CF_G(redis_conns), c)
	{
		if (!c->persistent) {
			cf_topo_disconnect(&c->t);
		}
	}
	ZEND_HASH_FOREACH_END();
}

void cf_meta_redis_free_connections(HashTable *conns)
{
	zend_hash_destroy(conns);
	pefree(conns, 1);
}

void cf_meta_redis_minfo(void)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%d.%d.%d", HIREDIS_MAJOR, HIREDIS_MINOR, HIREDIS_PATCH);
	php_info_print_table_row(2, "hiredis", buf);
	cf_scripts_init();
	php_info_print_table_row(2, "Script get", cf_scripts[CF_S_GET].sha);
	php_info_print_table_row(2, "Script set", cf_scripts[CF_S_SET].sha);
	php_info_print_table_row(2, "Script remove", cf_scripts[CF_S_REMOVE].sha);
	php_info_print_table_row(2, "Script flush", cf_scripts[CF_S_FLUSH].sha);
	php_info_print_table_row(2, "Script find", cf_scripts[CF_S_FIND].sha);
	php_info_print_table_row(2, "Script payload", cf_scripts[CF_S_PAYLOAD].sha);
	snprintf(buf, sizeof(buf), "%u", CF_G(redis_conns) ? zend_hash_num_elements(CF_G(redis_conns)) : 0);
	php_info_print_table_row(2, "Connections (this process)", buf);
	php_info_print_table_row(
		2, "Topologies", "server, sentinel (master resolved by the sentinels), cluster (slot routing)");
	if (CF_G(redis_conns)) {
		cf_redis_conn *c;
		char line[512];
		ZEND_HASH_FOREACH_PTR(CF_G(redis_conns), c)
		{
			/* the endpoint (no password) and what was resolved: the master, the cluster nodes */
			cf_topo_describe(&c->t, line, sizeof(line));
			php_info_print_table_row(2, ZSTR_VAL(c->name), line);
		}
		ZEND_HASH_FOREACH_END();
	}
}

#else /* no hiredis */

zend_result cf_meta_redis_check(const cf_options *o)
{
	if (!o->metadata_dsn) {
		return SUCCESS;
	}
	cf_throw_invalid_cache(CF_E_OPTIONS_INVALID,
		"ClusterFileBackend options invalid:\n[metadataDsn] this clusterfile was built without hiredis "
		"(configure --with-hiredis): use metadataCacheIdentifier");
	return FAILURE;
}

bool cf_meta_redis_available(void)
{
	return false;
}

zend_result cf_meta_redis_init(cf_meta *m, const cf_options *o, zend_string *cache_name)
{
	(void)m;
	(void)o;
	(void)cache_name;
	cf_throw_invalid_cache(CF_E_OPTIONS_INVALID,
		"ClusterFileBackend options invalid:\n[metadataDsn] this clusterfile was built without hiredis "
		"(configure --with-hiredis): use metadataCacheIdentifier");
	return FAILURE;
}

zend_string *cf_meta_redis_redacted_dsn(const char *dsn, size_t len)
{
	size_t n = cf_dsn_redact(dsn, len, NULL, 0);
	zend_string *out = zend_string_alloc(n, 0);
	cf_dsn_redact(dsn, len, ZSTR_VAL(out), n + 1);
	return out;
}

void cf_meta_redis_minit(void) {}

void cf_meta_redis_rshutdown(void) {}

void cf_meta_redis_free_connections(HashTable *conns)
{
	zend_hash_destroy(conns);
	pefree(conns, 1);
}

void cf_meta_redis_minfo(void)
{
	php_info_print_table_row(2, "hiredis", "not built in (metadataDsn unavailable)");
}

#endif
