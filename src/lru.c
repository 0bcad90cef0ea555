/*
 * clusterfile: a bounded LRU map from byte-string keys to opaque values (see lru.h).
 *
 * Chained hash buckets (FNV-1a) for lookup plus a doubly linked recency list (head = most
 * recent, tail = least recent). Each entry and its key copy live in one allocation from the
 * map's allocator.
 */
#include "lru.h"

#include <stdint.h>
#include <string.h>

typedef struct cf_lru_entry {
	struct cf_lru_entry *chain; /* next entry in the same bucket */
	struct cf_lru_entry *prev;  /* towards the most recent */
	struct cf_lru_entry *next;  /* towards the least recent */
	void *value;
	size_t bytes;
	size_t key_len;
	uint32_t hash;
	char key[]; /* key_len bytes */
} cf_lru_entry;

struct cf_lru {
	const cf_allocator *a;
	cf_lru_release_fn release;
	void *release_ctx;
	size_t max_entries;
	size_t max_bytes;
	size_t count;
	size_t bytes;
	cf_lru_entry *head;
	cf_lru_entry *tail;
	size_t nbuckets; /* power of two, 0 for a disabled map */
	cf_lru_entry **buckets;
};

/* Enough buckets for a load factor <= 1 at the configured cap, bounded for absurd caps. */
#define CF_LRU_MIN_BUCKETS 8
#define CF_LRU_MAX_BUCKETS 65536

static uint32_t lru_hash(const char *key, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 16777619u;
	}
	return h;
}

static cf_lru_entry **lru_slot(cf_lru *lru, uint32_t hash)
{
	return &lru->buckets[hash & (lru->nbuckets - 1)];
}

static cf_lru_entry *lru_find(cf_lru *lru, const char *key, size_t key_len, uint32_t hash)
{
	if (lru->nbuckets == 0) {
		return NULL;
	}
	for (cf_lru_entry *e = *lru_slot(lru, hash); e; e = e->chain) {
		if (e->hash == hash && e->key_len == key_len && (key_len == 0 || memcmp(e->key, key, key_len) == 0)) {
			return e;
		}
	}
	return NULL;
}

static void list_unlink(cf_lru *lru, cf_lru_entry *e)
{
	if (e->prev) {
		e->prev->next = e->next;
	} else {
		lru->head = e->next;
	}
	if (e->next) {
		e->next->prev = e->prev;
	} else {
		lru->tail = e->prev;
	}
	e->prev = e->next = NULL;
}

static void list_push_front(cf_lru *lru, cf_lru_entry *e)
{
	e->prev = NULL;
	e->next = lru->head;
	if (lru->head) {
		lru->head->prev = e;
	} else {
		lru->tail = e;
	}
	lru->head = e;
}

/* Takes e out of the bucket chain, the list and the accounting; the caller frees it. */
static void lru_detach(cf_lru *lru, cf_lru_entry *e)
{
	cf_lru_entry **pp = lru_slot(lru, e->hash);
	while (*pp && *pp != e) {
		pp = &(*pp)->chain;
	}
	if (*pp) {
		*pp = e->chain;
	}
	e->chain = NULL;
	list_unlink(lru, e);
	lru->count--;
	lru->bytes -= e->bytes;
}

static void lru_release_value(cf_lru *lru, void *value)
{
	if (lru->release) {
		lru->release(value, lru->release_ctx);
	}
}

/* Detaches e, frees it and releases its value (unless keep_value). */
static void lru_drop(cf_lru *lru, cf_lru_entry *e, bool keep_value)
{
	void *value = e->value;
	lru_detach(lru, e);
	cf_free(lru->a, e);
	if (!keep_value) {
		lru_release_value(lru, value);
	}
}

cf_lru *cf_lru_create(
	size_t max_entries, size_t max_bytes, const cf_allocator *a, cf_lru_release_fn release, void *release_ctx)
{
	if (!a) {
		return NULL;
	}
	cf_lru *lru = cf_alloc(a, sizeof(*lru));
	if (!lru) {
		return NULL;
	}
	memset(lru, 0, sizeof(*lru));
	lru->a = a;
	lru->release = release;
	lru->release_ctx = release_ctx;
	lru->max_entries = max_entries;
	lru->max_bytes = max_bytes;
	if (max_entries > 0) {
		size_t n = CF_LRU_MIN_BUCKETS;
		while (n < max_entries && n < CF_LRU_MAX_BUCKETS) {
			n <<= 1;
		}
		lru->buckets = cf_alloc(a, n * sizeof(*lru->buckets));
		if (!lru->buckets) {
			cf_free(a, lru);
			return NULL;
		}
		memset(lru->buckets, 0, n * sizeof(*lru->buckets));
		lru->nbuckets = n;
	}
	return lru;
}

void cf_lru_clear(cf_lru *lru)
{
	if (!lru) {
		return;
	}
	while (lru->tail) {
		lru_drop(lru, lru->tail, false);
	}
}

void cf_lru_destroy(cf_lru *lru)
{
	if (!lru) {
		return;
	}
	cf_lru_clear(lru);
	cf_free(lru->a, lru->buckets);
	cf_free(lru->a, lru);
}

void *cf_lru_get(cf_lru *lru, const char *key, size_t key_len)
{
	if (!lru || (!key && key_len)) {
		return NULL;
	}
	cf_lru_entry *e = lru_find(lru, key, key_len, lru_hash(key, key_len));
	if (!e) {
		return NULL;
	}
	if (lru->head != e) {
		list_unlink(lru, e);
		list_push_front(lru, e);
	}
	return e->value;
}

bool cf_lru_put(cf_lru *lru, const char *key, size_t key_len, void *value, size_t value_bytes)
{
	if (!lru || (!key && key_len)) {
		return false;
	}
	uint32_t hash = lru_hash(key, key_len);
	cf_lru_entry *old = lru_find(lru, key, key_len, hash);
	if (old) {
		/*
		 * The old value goes first, whatever happens next: a bypassed or failed put must never
		 * leave a stale value behind. If the caller hands back the very value already stored,
		 * it is not released (the caller owns it again if the put below fails).
		 */
		lru_drop(lru, old, old->value == value);
	}
	if (lru->max_entries == 0) {
		return false;
	}
	if (lru->max_bytes > 0 && value_bytes > lru->max_bytes) {
		return false;
	}
	if (key_len > SIZE_MAX - sizeof(cf_lru_entry)) {
		return false;
	}
	cf_lru_entry *e = cf_alloc(lru->a, sizeof(cf_lru_entry) + key_len);
	if (!e) {
		return false;
	}
	if (key_len) {
		memcpy(e->key, key, key_len);
	}
	e->key_len = key_len;
	e->hash = hash;
	e->value = value;
	e->bytes = value_bytes;
	cf_lru_entry **slot = lru_slot(lru, hash);
	e->chain = *slot;
	*slot = e;
	list_push_front(lru, e);
	lru->count++;
	lru->bytes += value_bytes;

	/* The new entry is never evicted: it alone satisfies both caps. */
	while (lru->tail != e && (lru->count > lru->max_entries || (lru->max_bytes > 0 && lru->bytes > lru->max_bytes))) {
		lru_drop(lru, lru->tail, false);
	}
	return true;
}

bool cf_lru_forget(cf_lru *lru, const char *key, size_t key_len)
{
	if (!lru || (!key && key_len)) {
		return false;
	}
	cf_lru_entry *e = lru_find(lru, key, key_len, lru_hash(key, key_len));
	if (!e) {
		return false;
	}
	lru_drop(lru, e, false);
	return true;
}

size_t cf_lru_count(const cf_lru *lru)
{
	return lru ? lru->count : 0;
}

size_t cf_lru_bytes(const cf_lru *lru)
{
	return lru ? lru->bytes : 0;
}
