/*
 * clusterfile: the inside of ClusterFile\NativeBackend, shared by the files that implement it.
 *
 * Not a public interface: only src/php_backend*.c include it. The object (cf_backend), its counters
 * (each count goes to the object and to its label set's shared cells), the method prologues, and the
 * helpers one part of the backend offers the others:
 *   php_backend.c          the object's life: handlers, construction, setCache, reset, accessors,
 *                          statistics, the L1s' lifetime; ClusterFile\check()'s hooks
 *   php_backend_keys.c     identifiers and tags: TYPO3's validation and codes, namespacing, keys
 *   php_backend_records.c  the metadata store (resolved lazily), records through the metadata L1,
 *                          Broken marking, local corruption and the blob-miss memory
 *   php_backend_read.c     get(), has(), require(), requireOnce(): the read ladders
 *   php_backend_write.c    set(), remove(), flush(), flushByTag(s), findIdentifiersByTag(),
 *                          collectGarbage() and the write-time GC step
 */
#ifndef CF_PHP_BACKEND_INT_H
#define CF_PHP_BACKEND_INT_H

#include "php.h"
#include "ext/date/php_date.h"
#include "zend_exceptions.h"

#include "php_clusterfile.h"
#include "alloc.h"
#include "clock.h"
#include "codec.h"
#include "counters.h"
#include "hash.h"
#include "lru.h"
#include "meta.h"
#include "metrics.h"
#include "options.h"
#include "record.h"
#include "store.h"
#include "php_backend.h"
#include "php_errors.h"
#include "php_metrics.h"

/* A metadata-L1 entry: the parsed record and the array it came from (to re-mark it Broken). */
typedef struct cf_meta_l1_entry {
	cf_record rec;
	zval raw;
} cf_meta_l1_entry;

typedef struct cf_backend {
	bool constructed;
	bool php_mode;  /* bound to a PhpFrontend: .php files, bare bytes, no payload L1 */
	bool resolving; /* guard against a metadata cache that resolves back into this backend */
	cf_options opts;
	cf_store store;
	cf_codec primary; /* configured codec, none in php mode */
	char serializer[CF_SERIALIZER_LABEL_MAX + 1];
	int64_t backend_version;
	zend_string *cache_name; /* "unbound" until setCache() */
	zend_string *ns_tag;     /* "__cfb_ns__<cache_name>" */
	zval meta_option;        /* metadataCache option (a frontend object) or UNDEF */
	cf_meta meta;            /* meta.ops == NULL until resolved */
	/* request-scoped state, valid while epoch == CF_G(request_epoch) (RINIT and ClusterFile\reset()
	 * move it) and for at most opts.l1_max_age_seconds since l1_since (a monotonic clock, ms) */
	zend_ulong epoch;
	int64_t l1_since;
	cf_lru *payload_l1;
	HashTable meta_l1;  /* identifier -> IS_PTR cf_meta_l1_entry* | IS_FALSE (looked up, absent) */
	HashTable verified; /* payload hash -> true: checksum verified this request (require path) */
	/* identifier -> the payload hash a get()/require() found missing locally (kept across units of
	 * work, at most CF_BLOB_MISSED_MAX): a set() of that payload is counted as a repair */
	HashTable blob_missed;
	zend_long counters[CF_M__COUNT];
	cf_metrics_cells *mcells; /* this cache and namespace's shared cells (NULL: metrics off) */
	bool mcells_resolved;     /* mcells looked up for the current cache_name (on the first count) */
	zend_object std;
} cf_backend;

static inline cf_backend *cf_backend_from_obj(zend_object *obj)
{
	return (cf_backend *)((char *)obj - XtOffsetOf(cf_backend, std));
}
#define Z_CF_BACKEND_P(zv) cf_backend_from_obj(Z_OBJ_P(zv))

/* Adds n to counter i of this object and of its label set's shared cells. */
static inline void cf_count_n(cf_backend *b, cf_counter i, zend_long n)
{
	b->counters[i] += n;
	if (UNEXPECTED(!b->mcells_resolved)) {
		b->mcells = cf_php_metrics_cells(
			ZSTR_VAL(b->cache_name), ZSTR_LEN(b->cache_name), b->opts.ns_environment, b->opts.ns_instance);
		b->mcells_resolved = true;
		/* the budget beside the usage, for a dashboard's "disk against localMaxBytes" */
		cf_metrics_set(b->mcells, CF_M_LOCAL_MAX_BYTES, (uint64_t)b->opts.local_max_bytes);
	}
	cf_metrics_add(b->mcells, (unsigned)i, (uint64_t)n);
}
#define CF_COUNT(b, m) cf_count_n((b), CF_M_##m, 1)

/* A metadata store call's result, counted (a round trip, and an error on FAILURE). */
static inline zend_result cf_meta_counted(cf_backend *b, zend_result r)
{
	CF_COUNT(b, META_CALL);
	if (r == FAILURE) {
		CF_COUNT(b, META_ERROR);
	}
	return r;
}

void cf_backend_touch(cf_backend *b);

#define CF_BACKEND_FETCH(b)                                                                                            \
	cf_backend *b = Z_CF_BACKEND_P(ZEND_THIS);                                                                         \
	do {                                                                                                               \
		if (!b->constructed) {                                                                                         \
			zend_throw_exception_ex(zend_ce_error, CF_E_NOT_CONSTRUCTED,                                               \
				"%s object is not constructed (missing parent::__construct() call?)",                                  \
				ZSTR_VAL(Z_OBJCE_P(ZEND_THIS)->name));                                                                 \
			RETURN_THROWS();                                                                                           \
		}                                                                                                              \
		cf_backend_touch(b);                                                                                           \
	} while (0)

static inline int64_t cf_now(void)
{
	/* PHP's own clock (gettimeofday): glibc's time() reads a coarse clock that lags it by up to a
	 * tick, so a record expiring "now" by the caller's time() would still be live here */
	return (int64_t)php_time();
}

/*
 * Which operation validates an identifier or tag: it picks the code, so that a caller sees what it
 * sees with TYPO3's FileBackend behind TYPO3's frontends (README "Identifiers and tags"):
 * - an identifier with a path segment ('/'), or an empty one where FileBackend refuses it, throws
 *   InvalidArgumentException with FileBackend's (SimpleFileBackend's for remove) code of that method;
 * - any other identifier outside TYPO3's entry-identifier pattern throws InvalidArgumentException
 *   with the code TYPO3's frontend throws for the same operation (set: VariableFrontend's, or
 *   PhpFrontend's when a PhpFrontend is bound);
 * - require()/requireOnce() are not validated by PhpFrontend and FileBackend returns false for a
 *   name without a path segment: such identifiers are a clean miss there (CF_ID_MISS).
 */
typedef enum cf_op { CF_OP_SET, CF_OP_GET, CF_OP_HAS, CF_OP_REMOVE, CF_OP_REQUIRE, CF_OP_REQUIRE_ONCE } cf_op;

/* Outcome of validating an entry identifier. */
typedef enum cf_id_check { CF_ID_OK, CF_ID_THROWN, CF_ID_MISS } cf_id_check;

typedef enum cf_lookup {
	CF_LOOKUP_FOUND,
	CF_LOOKUP_ABSENT, /* none, or not a usable record */
	CF_LOOKUP_ERROR,  /* the store failed (exception cleared, unless one that must travel) */
} cf_lookup;

/*
 * The start of every method taking one entry identifier: parse it, fetch the constructed backend,
 * validate the identifier, resolve the metadata store (each failure throws and returns).
 */
#define CF_ENTRY_METHOD_START(b, m, id, op)                                                                            \
	zend_string *id;                                                                                                   \
	ZEND_PARSE_PARAMETERS_START(1, 1)                                                                                  \
	Z_PARAM_STR(id)                                                                                                    \
	ZEND_PARSE_PARAMETERS_END();                                                                                       \
	CF_BACKEND_FETCH(b);                                                                                               \
	switch (cf_validate_identifier(b, id, op)) {                                                                       \
	case CF_ID_OK:                                                                                                     \
		break;                                                                                                         \
	case CF_ID_MISS:                                                                                                   \
		RETURN_FALSE;                                                                                                  \
	case CF_ID_THROWN:                                                                                                 \
		RETURN_THROWS();                                                                                               \
	}                                                                                                                  \
	cf_meta *m = cf_backend_meta(b);                                                                                   \
	if (!m) {                                                                                                          \
		RETURN_THROWS();                                                                                               \
	}

/* ---- shared helpers (defined in the file named) ----------------------------------------------- */

/* php_backend.c: empties every request-scoped structure. */
void cf_backend_clear_l1(cf_backend *b);

/* php_backend_keys.c */
cf_id_check cf_validate_identifier(const cf_backend *b, zend_string *id, cf_op op);
bool cf_check_tag(const char *tag, size_t len, zend_long code);
bool cf_normalize_tags(HashTable *tags, zend_long code, zval *out);
void cf_namespaced_tags(cf_backend *b, zval *user_tags, bool with_ns_tag, zval *out);
zend_string *cf_meta_key(cf_backend *b, zend_string *id);
/* A valid user tag namespaced with the cache name, as the metadata store indexes it. */
zend_string *cf_user_tag_key(cf_backend *b, zend_string *tag);

/* php_backend_records.c */
cf_meta *cf_backend_meta(cf_backend *b);
cf_meta_l1_entry *cf_load_record(cf_backend *b, cf_meta *m, zend_string *id, cf_lookup *result);
void cf_mark_broken(cf_backend *b, cf_meta *m, zend_string *id, const cf_record *rec, zval *raw);
void cf_blob_miss(cf_backend *b, zend_string *id, const char *hash);
void cf_local_corrupt(cf_backend *b, zend_string *id, const cf_record *rec);
const char *cf_compression_name(cf_backend *b);
int cf_backend_payload_hash(cf_backend *b, const char *data, size_t len, char out[CF_HEX64_LEN + 1]);

/* php_backend_write.c */
void cf_gc_after_write(cf_backend *b, size_t written, int64_t now);

#endif
