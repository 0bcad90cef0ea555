/*
 * clusterfile: a bounded LRU map from byte-string keys to opaque values.
 *
 * This module owns the request-scoped payload L1's eviction policy: at most max_entries entries
 * and (when max_bytes > 0) at most max_bytes accounted value bytes; a get promotes to most recent;
 * a put of an existing key replaces it; a value larger than max_bytes bypasses the map AND drops
 * any old value of that key (the reference served the stale old value). It does not own what a
 * value is: values are opaque pointers released through the callback. Zend-free.
 */
#ifndef CF_LRU_H
#define CF_LRU_H

#include "alloc.h"
#include <stdbool.h>
#include <stddef.h>

typedef struct cf_lru cf_lru;
typedef void (*cf_lru_release_fn)(void *value, void *ctx);

/* max_entries == 0 makes a map that stores nothing. NULL on allocation failure. */
cf_lru *cf_lru_create(
	size_t max_entries, size_t max_bytes, const cf_allocator *a, cf_lru_release_fn release, void *release_ctx);
/* Releases every value, then the map. NULL is fine. */
void cf_lru_destroy(cf_lru *lru);

/* The value for key (promoted to most recent), or NULL. */
void *cf_lru_get(cf_lru *lru, const char *key, size_t key_len);

/*
 * Stores value under key, accounted as value_bytes. Any old value of key is released first.
 * Evicts least-recent entries (releasing them) until both caps hold.
 * Returns true if the map took ownership of value; false if it was bypassed (disabled map, value
 * larger than max_bytes, allocation failure): then the caller still owns value, and key is absent.
 */
bool cf_lru_put(cf_lru *lru, const char *key, size_t key_len, void *value, size_t value_bytes);

/* Removes and releases key's value. Returns whether it was present. */
bool cf_lru_forget(cf_lru *lru, const char *key, size_t key_len);
void cf_lru_clear(cf_lru *lru);
size_t cf_lru_count(const cf_lru *lru);
size_t cf_lru_bytes(const cf_lru *lru);

#endif
