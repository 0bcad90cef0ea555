/*
 * clusterfile: the metadata store interface.
 *
 * This module owns the one small interface every metadata store implements, and the record's PHP
 * form (the 11-field array) with its strict parsing. Today's implementation calls a userland cache
 * frontend (TYPO3's FrontendInterface shape: get/set/remove/flushByTag/flushByTags/collectGarbage/
 * getBackend) through the Zend call API; a native store (hiredis) implements the same operations.
 *
 * Error contract: an operation returns FAILURE with an exception pending in EG(exception) (the
 * store's own, or one explaining what was wrong with its answer). The caller decides whether to
 * swallow it (get/has), or to wrap it (set, remove, flush). Operations never emit warnings. A call
 * nested CF_META_MAX_DEPTH deep throws InvalidCacheException 1747500051 (a metadata cycle) instead
 * of calling userland again.
 */
#ifndef CF_META_H
#define CF_META_H

#include "php.h"
#include "record.h"

typedef struct cf_meta cf_meta;

typedef struct cf_meta_ops {
	/* rv: the stored record array, or IS_NULL when there is none (a non-array answer is "none"). */
	zend_result (*get)(cf_meta *m, zend_string *key, zval *rv);
	/* tags: packed array of strings; lifetime: seconds, 0 = unlimited. shared (NULL: none): the payload
	 * file's bytes, for a store with get_shared_payload to keep beside the record (written, expired and
	 * replaced with it); other stores are never given any. *stored false on SUCCESS: the store refused
	 * the write (the native store's write-after-invalidate guard), not an error. */
	zend_result (*set)(cf_meta *m, zend_string *key, zval *record, zval *tags, zend_long lifetime, const char *shared,
		size_t shared_len, bool *stored);
	zend_result (*remove)(cf_meta *m, zend_string *key, bool *removed);
	zend_result (*flush_by_tag)(cf_meta *m, zend_string *tag);
	zend_result (*flush_by_tags)(cf_meta *m, zval *tags);
	/* rv: a packed array of keys (strings); [] when the store cannot look up by tag. */
	zend_result (*find_by_tag)(cf_meta *m, zend_string *tag, zval *rv);
	zend_result (*collect_garbage)(cf_meta *m);
	/* The object whose identity is compared with the backend (self-reference check), or NULL. */
	zend_object *(*backend_object)(cf_meta *m);
	void (*dtor)(cf_meta *m);
	/* GC: the zvals the store holds. */
	void (*get_gc)(cf_meta *m, zend_get_gc_buffer *buf);
	/* The backend's reset(): this unit of work is over (the native store's guard forgets what it
	 * read in it). NULL when the store keeps nothing per unit of work. */
	void (*end_unit)(cf_meta *m);
	/*
	 * Optional (NULL: the store keeps no payloads; the userland store). The payload bytes stored
	 * beside key's record by a set() given shared bytes: *out NULL when
	 * there are none, or more than max_len bytes (never copied then). Unverified: the caller checks
	 * them against the record's checksum and size before any use.
	 */
	zend_result (*get_shared_payload)(cf_meta *m, zend_string *key, size_t max_len, zend_string **out);
} cf_meta_ops;

/*
 * How deeply the metadata calls of one backend may nest. A metadata cache that leads back into the
 * backend (A's metadata in B and B's in A, or a getBackend() answering the backend itself) would
 * recurse until the C stack overflows; a finite re-entry (a userland frontend that calls has() or
 * reset() of the same backend from inside a metadata call) nests once or twice.
 */
#define CF_META_MAX_DEPTH 8

struct cf_meta {
	const cf_meta_ops *ops;
	uint32_t depth;           /* metadata calls of this store in progress (re-entry guard) */
	zval frontend;            /* frontend store: the userland cache frontend */
	zend_object *backend_obj; /* frontend store: cached getBackend() answer (owned: one reference) */
	/* frontend store: the frontend's get() and set(), looked up once (public methods of fe_ce; NULL:
	 * not yet, or reached through __call and so called by name each time) */
	zend_class_entry *fe_ce;
	zend_function *fe_get, *fe_set;
	void *native; /* native store: its state (src/php_meta_redis.c); NULL otherwise */
};

/* Store over a userland cache frontend object (copied: the store holds a reference). */
void cf_meta_frontend_init(cf_meta *m, zval *frontend);

/*
 * Parses a record array: the 11 fields with their exact types (extra keys tolerated), digest and
 * label formats, and - unlike the reference - the identifier field must equal `identifier`.
 * false = not a usable record (a miss, never an error).
 */
bool cf_record_from_array(zval *arr, const char *identifier, size_t identifier_len, cf_record *out);

/* Builds the 11-field array in the reference's key order. tags: packed array of user tags (copied). */
void cf_record_to_array(
	zval *rv, const char *identifier, size_t identifier_len, const cf_record *r, const char *serializer, zval *tags);

void cf_meta_minit(void);

#endif
