/*
 * clusterfile: the ClusterFile\NativeBackend class (see php_backend.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <time.h>

#include "php.h"
#include "ext/date/php_date.h"
#include "SAPI.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_attributes.h"
#include "ext/standard/info.h"

#include "php_clusterfile.h"
#include "compat.h"
#include "alloc.h"
#include "codec.h"
#include "clock.h"
#include "hash.h"
#include "ident.h"
#include "lru.h"
#include "options.h"
#include "record.h"
#include "store.h"
#include "meta.h"
#include "php_backend.h"
#include "php_errors.h"
#include "php_options.h"
#include "php_typo3.h"
#include "php_gc.h"
#include "php_verified.h"
#include "php_meta_redis.h"
#include "php_shared_payload.h"
#include "counters.h"
#include "metrics.h"
#include "php_metrics.h"
#include "../stubs/backend_arginfo.h"

zend_class_entry *cf_backend_ce;
static zend_object_handlers cf_backend_handlers;

/* ---- counters ------------------------------------------------------------------------------- */

/* The getStatistics() key of each counter. */
static const char *const cf_counter_labels[] = {
#define CF_COUNTER_LABEL(name, label) label,
	CF_COUNTERS(CF_COUNTER_LABEL)
#undef CF_COUNTER_LABEL
};

/* ---- the object ----------------------------------------------------------------------------- */

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

/* ---- allocators: the request heap, and zend_string-backed buffers for returned payloads ------ */

static void *cf_ealloc(size_t n, void *ctx)
{
	return emalloc(n ? n : 1);
}
static void *cf_erealloc(void *p, size_t n, void *ctx)
{
	return erealloc(p, n ? n : 1);
}
static void cf_efree(void *p, void *ctx)
{
	efree(p);
}
const cf_allocator cf_emalloc_allocator = {cf_ealloc, cf_erealloc, cf_efree, NULL};

#define CF_ZSTR_OF(p) ((zend_string *)((char *)(p)-_ZSTR_HEADER_SIZE))
static void *cf_zalloc(size_t n, void *ctx)
{
	return ZSTR_VAL(zend_string_alloc(n, 0));
}
static void *cf_zrealloc(void *p, size_t n, void *ctx)
{
	return p ? ZSTR_VAL(zend_string_realloc(CF_ZSTR_OF(p), n, 0)) : cf_zalloc(n, ctx);
}
static void cf_zfree(void *p, void *ctx)
{
	efree(CF_ZSTR_OF(p));
}
static const cf_allocator cf_zstr_allocator = {cf_zalloc, cf_zrealloc, cf_zfree, NULL};

/* Turns a cf_zstr_allocator buffer holding len bytes into the zend_string it lives in. */
static zend_string *cf_zstr_finish(char *p, size_t len)
{
	zend_string *s = CF_ZSTR_OF(p);
	ZSTR_LEN(s) = len;
	ZSTR_VAL(s)[len] = '\0';
	return s;
}

static void cf_l1_release(void *value, void *ctx)
{
	zend_string_release((zend_string *)value);
}

static void cf_meta_l1_dtor(zval *zv)
{
	if (Z_TYPE_P(zv) == IS_PTR) {
		cf_meta_l1_entry *e = Z_PTR_P(zv);
		zval_ptr_dtor(&e->raw);
		efree(e);
	}
}

/* ---- lifecycle -------------------------------------------------------------------------------- */

static zend_object *cf_backend_create(zend_class_entry *ce)
{
	cf_backend *b = zend_object_alloc(sizeof(cf_backend), ce);
	zend_object_std_init(&b->std, ce);
	object_properties_init(&b->std, ce);
	b->std.handlers = &cf_backend_handlers;
	ZVAL_UNDEF(&b->meta_option);
	zend_hash_init(&b->meta_l1, 8, NULL, cf_meta_l1_dtor, 0);
	zend_hash_init(&b->verified, 8, NULL, NULL, 0);
	zend_hash_init(&b->blob_missed, 8, NULL, ZVAL_PTR_DTOR, 0);
	return &b->std;
}

static void cf_backend_free(zend_object *obj)
{
	cf_backend *b = cf_backend_from_obj(obj);
	if (b->meta.ops) {
		b->meta.ops->dtor(&b->meta);
		b->meta.ops = NULL;
	}
	zval_ptr_dtor(&b->meta_option);
	cf_lru_destroy(b->payload_l1);
	zend_hash_destroy(&b->meta_l1);
	zend_hash_destroy(&b->verified);
	zend_hash_destroy(&b->blob_missed);
	if (b->cache_name) {
		zend_string_release(b->cache_name);
	}
	if (b->ns_tag) {
		zend_string_release(b->ns_tag);
	}
	if (b->constructed) {
		cf_store_dtor(&b->store);
	}
	cf_options_dtor(&b->opts);
	zend_object_std_dtor(obj);
}

static HashTable *cf_backend_get_gc(zend_object *obj, zval **table, int *n)
{
	cf_backend *b = cf_backend_from_obj(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();
	zend_get_gc_buffer_add_zval(buf, &b->meta_option);
	if (b->meta.ops) {
		b->meta.ops->get_gc(&b->meta, buf);
	}
	zend_get_gc_buffer_use(buf, table, n);
	return zend_std_get_properties(obj);
}

/*
 * Empties a table whose element destructor may run userland code (a record array holding an
 * object with a __destruct that re-enters the backend): the table is detached first and a fresh
 * one takes its place, so a re-entrant lookup or insert meets the new, empty table, never a bucket
 * being destroyed.
 */
static void cf_hash_reset(HashTable *ht)
{
	if (zend_hash_num_elements(ht) == 0) {
		return;
	}
	HashTable old = *ht;
	zend_hash_init(ht, 8, NULL, old.pDestructor, 0);
	zend_hash_destroy(&old);
}

/* Empties every request-scoped structure. */
static void cf_backend_clear_l1(cf_backend *b)
{
	cf_lru_clear(b->payload_l1); /* zend_strings only: no userland runs */
	cf_hash_reset(&b->meta_l1);
	cf_hash_reset(&b->verified);
	/* and localPath's kept descriptor: a unit of work never reads a localPath moved away before it */
	cf_store_release_root(&b->store);
}

/*
 * Called at the top of every method: a new request or unit of work (ClusterFile\reset()) starts
 * with empty L1s, and L1s older than l1MaxAgeSeconds are emptied, so a worker that serves many
 * units of work in one PHP request revalidates against the metadata store at least that often.
 */
static void cf_backend_touch(cf_backend *b)
{
	if (b->epoch != CF_G(request_epoch)) {
		cf_backend_clear_l1(b);
		b->epoch = CF_G(request_epoch);
		b->l1_since = cf_monotonic_ms();
		return;
	}
	if (b->opts.l1_max_age_seconds > 0) {
		int64_t now = cf_monotonic_ms();
		if (now - b->l1_since >= b->opts.l1_max_age_seconds * 1000) {
			cf_backend_clear_l1(b);
			b->l1_since = now;
		}
	}
}

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

static int64_t cf_now(void)
{
	/* PHP's own clock (gettimeofday): glibc's time() reads a coarse clock that lags it by up to a
	 * tick, so a record expiring "now" by the caller's time() would still be live here */
	return (int64_t)php_time();
}

/* ---- input validation ------------------------------------------------------------------------- */

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

static const struct {
	zend_long path_segment; /* FileBackend: identifier contains '/' */
	zend_long empty;        /* FileBackend: empty identifier (0: FileBackend lets it through) */
	zend_long pattern;      /* TYPO3's frontend: outside the pattern (0: not validated there) */
} cf_identifier_codes[] = {
	[CF_OP_SET] = {1282073032, 1298114280, 1233058264},
	[CF_OP_GET] = {1282073033, 0, 1233058294},
	[CF_OP_HAS] = {1282073034, 0, 1233058486},
	[CF_OP_REMOVE] = {1334756960, 1334756961, 1233058495},
	[CF_OP_REQUIRE] = {1532528246, 0, 0},
	[CF_OP_REQUIRE_ONCE] = {1282073036, 0, 0},
};

/* Outcome of validating an entry identifier. */
typedef enum cf_id_check { CF_ID_OK, CF_ID_THROWN, CF_ID_MISS } cf_id_check;

static cf_id_check cf_validate_identifier(const cf_backend *b, zend_string *id, cf_op op)
{
	char shown[72];

	if (cf_ident_is_valid(ZSTR_VAL(id), ZSTR_LEN(id))) {
		return CF_ID_OK;
	}
	cf_printable(ZSTR_VAL(id), ZSTR_LEN(id), shown);
	if (memchr(ZSTR_VAL(id), '/', ZSTR_LEN(id)) != NULL) {
		cf_throw_invalid_argument(cf_identifier_codes[op].path_segment,
			"The entry identifier \"%s\" must not contain a path segment.", shown);
		return CF_ID_THROWN;
	}
	if (ZSTR_LEN(id) == 0 && cf_identifier_codes[op].empty != 0) {
		cf_throw_invalid_argument(cf_identifier_codes[op].empty, "The entry identifier must not be empty.");
		return CF_ID_THROWN;
	}
	if (cf_identifier_codes[op].pattern == 0) {
		return CF_ID_MISS;
	}
	cf_throw_invalid_argument(op == CF_OP_SET && b->php_mode ? CF_E_IDENTIFIER_PHP : cf_identifier_codes[op].pattern,
		"\"%s\" is not a valid cache entry identifier.", shown);
	return CF_ID_THROWN;
}

/* Tag validation codes: TYPO3's frontend's for the same operation. */
static bool cf_check_tag(const char *tag, size_t len, zend_long code)
{
	if (!cf_ident_is_valid(tag, len)) {
		char shown[72];
		cf_printable(tag, len, shown);
		cf_throw_invalid_argument(code, "\"%s\" is not a valid tag for a cache entry.", shown);
		return false;
	}
	return true;
}

static int cf_cmp_bucket_keys(Bucket *a, Bucket *c)
{
	return zend_binary_strcmp(ZSTR_VAL(a->key), ZSTR_LEN(a->key), ZSTR_VAL(c->key), ZSTR_LEN(c->key));
}

/*
 * Validates a PHP array of tags (strings or integers) and returns them de-duplicated and sorted
 * bytewise as a packed array in *out. false (exception thrown) on an invalid tag.
 */
static bool cf_normalize_tags(HashTable *tags, zend_long code, zval *out)
{
	HashTable set;
	zval *zv;
	zend_hash_init(&set, tags ? zend_hash_num_elements(tags) : 0, NULL, NULL, 0);
	if (tags) {
		ZEND_HASH_FOREACH_VAL(tags, zv)
		{
			ZVAL_DEREF(zv);
			zend_string *t;
			if (Z_TYPE_P(zv) == IS_STRING) {
				t = zend_string_copy(Z_STR_P(zv));
			} else if (Z_TYPE_P(zv) == IS_LONG) {
				t = zend_long_to_str(Z_LVAL_P(zv));
			} else {
				zend_hash_destroy(&set);
				cf_throw_invalid_argument(
					code, "A tag of type %s is not a valid tag for a cache entry.", zend_zval_type_name(zv));
				return false;
			}
			if (!cf_check_tag(ZSTR_VAL(t), ZSTR_LEN(t), code)) {
				zend_string_release(t);
				zend_hash_destroy(&set);
				return false;
			}
			zend_hash_add_empty_element(&set, t);
			zend_string_release(t);
		}
		ZEND_HASH_FOREACH_END();
	}
	zend_hash_sort(&set, cf_cmp_bucket_keys, 0);
	array_init_size(out, zend_hash_num_elements(&set));
	zend_string *key;
	ZEND_HASH_FOREACH_STR_KEY(&set, key)
	{
		add_next_index_str(out, zend_string_copy(key));
	}
	ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&set);
	return true;
}

/* Namespaced tags of an entry: the cache's namespace tag, then each user tag namespaced. */
static void cf_namespaced_tags(cf_backend *b, zval *user_tags, bool with_ns_tag, zval *out)
{
	char buf[CF_KEY_BUF];
	zval *zv;
	array_init_size(out, zend_hash_num_elements(Z_ARRVAL_P(user_tags)) + 1);
	if (with_ns_tag) {
		add_next_index_str(out, zend_string_copy(b->ns_tag));
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(user_tags), zv)
	{
		if (Z_TYPE_P(zv) != IS_STRING) {
			continue;
		}
		size_t n =
			cf_ident_user_tag(ZSTR_VAL(b->cache_name), ZSTR_LEN(b->cache_name), Z_STRVAL_P(zv), Z_STRLEN_P(zv), buf);
		if (n) {
			add_next_index_stringl(out, buf, n);
		}
	}
	ZEND_HASH_FOREACH_END();
}

static zend_string *cf_meta_key(cf_backend *b, zend_string *id)
{
	char buf[CF_KEY_BUF];
	size_t n = cf_ident_meta_key(ZSTR_VAL(b->cache_name), ZSTR_LEN(b->cache_name), ZSTR_VAL(id), ZSTR_LEN(id), buf);
	ZEND_ASSERT(n > 0);
	return zend_string_init(buf, n, 0);
}

/* ---- the metadata store, resolved lazily -------------------------------------------------- */

/* GeneralUtility::makeInstance(CacheManager::class)->getCache($id). FAILURE: not resolvable (maybe with an exception
 * pending). */
static zend_result cf_resolve_typo3_cache(const char *id, zval *out)
{
	zend_string *name = zend_string_init_fast(ZEND_STRL("TYPO3\\CMS\\Core\\Utility\\GeneralUtility"));
	zend_class_entry *gu = zend_lookup_class(name);
	zend_string_release(name);
	if (!gu || EG(exception)) {
		return FAILURE;
	}
	zend_function *make = zend_hash_str_find_ptr_lc(&gu->function_table, ZEND_STRL("makeInstance"));
	if (!make || !(make->common.fn_flags & ZEND_ACC_STATIC)) {
		return FAILURE;
	}
	zval arg, manager, cache_id;
	ZVAL_STRINGL(&arg, "TYPO3\\CMS\\Core\\Cache\\CacheManager", sizeof("TYPO3\\CMS\\Core\\Cache\\CacheManager") - 1);
	zend_call_known_function(make, NULL, gu, &manager, 1, &arg, NULL);
	zval_ptr_dtor(&arg);
	if (EG(exception) || Z_TYPE(manager) != IS_OBJECT) {
		zval_ptr_dtor(&manager);
		return FAILURE;
	}
	zend_string *get_cache = zend_string_init_fast(ZEND_STRL("getCache"));
	ZVAL_STRING(&cache_id, id);
	zend_result r = zend_call_method_if_exists(Z_OBJ(manager), get_cache, out, 1, &cache_id);
	zend_string_release(get_cache);
	zval_ptr_dtor(&cache_id);
	zval_ptr_dtor(&manager);
	if (r == FAILURE || EG(exception) || Z_TYPE_P(out) != IS_OBJECT) {
		zval_ptr_dtor(out);
		ZVAL_UNDEF(out);
		return FAILURE;
	}
	return SUCCESS;
}

/* The metadata store; NULL with an InvalidCacheException thrown when it cannot be had. */
static cf_meta *cf_backend_meta(cf_backend *b)
{
	if (b->meta.ops) {
		return &b->meta;
	}
	if (b->resolving) {
		cf_throw_invalid_cache(CF_E_METADATA_CACHE_SELF,
			"ClusterFileBackend: the metadata cache \"%s\" resolves back into this cache; it must use another backend",
			b->opts.metadata_cache_identifier ? b->opts.metadata_cache_identifier : "");
		return NULL;
	}
	if (b->opts.metadata_dsn) {
		/* the native store: no userland, no resolution */
		if (cf_meta_redis_init(&b->meta, &b->opts, b->cache_name) == FAILURE) {
			b->meta.ops = NULL;
			return NULL;
		}
		return &b->meta;
	}
	zval frontend;
	ZVAL_UNDEF(&frontend);
	if (Z_TYPE(b->meta_option) == IS_OBJECT) {
		ZVAL_COPY(&frontend, &b->meta_option);
	} else {
		const char *id = b->opts.metadata_cache_identifier;
		b->resolving = true;
		zend_result r = cf_resolve_typo3_cache(id, &frontend);
		b->resolving = false;
		if (r == FAILURE) {
			cf_throw_invalid_cache(CF_E_METADATA_CACHE_MISSING,
				"ClusterFileBackend: configured metadataCacheIdentifier \"%s\" is not a registered TYPO3 cache. "
				"Register "
				"it under $GLOBALS[\"TYPO3_CONF_VARS\"][\"SYS\"][\"caching\"][\"cacheConfigurations\"][\"%s\"].",
				id, id);
			return NULL;
		}
		if (b->meta.ops) {
			/* resolved re-entrantly meanwhile */
			zval_ptr_dtor(&frontend);
			return &b->meta;
		}
	}
	cf_meta_frontend_init(&b->meta, &frontend);
	zval_ptr_dtor(&frontend);
	if (Z_OBJ(b->meta.frontend) == &b->std || b->meta.ops->backend_object(&b->meta) == &b->std) {
		b->meta.ops->dtor(&b->meta);
		b->meta.ops = NULL;
		cf_throw_invalid_cache(CF_E_METADATA_CACHE_SELF,
			"ClusterFileBackend: the metadata cache is this cache itself; it must use another backend");
		return NULL;
	}
	return &b->meta;
}

/* ---- metadata records ------------------------------------------------------------------------ */

typedef enum cf_lookup {
	CF_LOOKUP_FOUND,
	CF_LOOKUP_ABSENT, /* none, or not a usable record */
	CF_LOOKUP_ERROR,  /* the store failed (exception cleared, unless one that must travel) */
} cf_lookup;

/* Reads and parses the record of id straight from the store. raw receives the array on FOUND. */
static cf_lookup cf_fetch_record(
	cf_backend *b, cf_meta *m, zend_string *key, zend_string *id, cf_record *rec, zval *raw)
{
	zval rv;
	if (cf_meta_counted(b, m->ops->get(m, key, &rv)) == FAILURE) {
		/* a quiet miss, unless an exit or a metadata cycle is pending (the caller returns with it) */
		cf_clear_exception();
		ZVAL_UNDEF(raw);
		return CF_LOOKUP_ERROR;
	}
	/* A record no pod can have written yet (createdAt beyond the clock skew) is poisoned. */
	if (Z_TYPE(rv) == IS_ARRAY && cf_record_from_array(&rv, ZSTR_VAL(id), ZSTR_LEN(id), rec) &&
		!cf_record_is_from_future(rec, cf_now())) {
		ZVAL_COPY_VALUE(raw, &rv);
		return CF_LOOKUP_FOUND;
	}
	zval_ptr_dtor(&rv);
	ZVAL_UNDEF(raw);
	return CF_LOOKUP_ABSENT;
}

/* The record of id through the metadata L1 (has/require). Errors are counted and not cached. */
static cf_meta_l1_entry *cf_load_record(cf_backend *b, cf_meta *m, zend_string *id, cf_lookup *result)
{
	zval *cached = zend_hash_find(&b->meta_l1, id);
	if (cached) {
		*result = Z_TYPE_P(cached) == IS_PTR ? CF_LOOKUP_FOUND : CF_LOOKUP_ABSENT;
		return Z_TYPE_P(cached) == IS_PTR ? Z_PTR_P(cached) : NULL;
	}
	zend_string *key = cf_meta_key(b, id);
	cf_record rec;
	zval raw;
	memset(&raw, 0, sizeof(raw)); /* gcc 12 cannot see that FOUND sets it */
	*result = cf_fetch_record(b, m, key, id, &rec, &raw);
	zend_string_release(key);
	if (*result == CF_LOOKUP_ERROR) {
		CF_COUNT(b, MISS_METADATA_ERROR);
		return NULL;
	}
	/* userland ran during the fetch and may have cached the same id meanwhile: replace it by
	 * delete + add (zend_hash_del unlinks before it destroys; an update would not) */
	zend_hash_del(&b->meta_l1, id);
	if (*result == CF_LOOKUP_ABSENT) {
		zval f;
		ZVAL_FALSE(&f);
		zend_hash_add_new(&b->meta_l1, id, &f);
		return NULL;
	}
	cf_meta_l1_entry *e = emalloc(sizeof(*e));
	e->rec = rec;
	ZVAL_COPY_VALUE(&e->raw, &raw);
	zval p;
	ZVAL_PTR(&p, e);
	zend_hash_add_new(&b->meta_l1, id, &p);
	return e;
}

/* The valid tag strings of a stored record's tags field (to re-write it). */
static void cf_record_tags(zval *raw, zval *out)
{
	array_init(out);
	zval *tags = zend_hash_str_find_deref(Z_ARRVAL_P(raw), ZEND_STRL("tags"));
	zval *zv;
	if (!tags || Z_TYPE_P(tags) != IS_ARRAY) {
		return;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(tags), zv)
	{
		ZVAL_DEREF(zv);
		if (Z_TYPE_P(zv) == IS_STRING && cf_ident_is_valid(Z_STRVAL_P(zv), Z_STRLEN_P(zv))) {
			add_next_index_str(out, zend_string_copy(Z_STR_P(zv)));
		}
	}
	ZEND_HASH_FOREACH_END();
}

/*
 * The bytes on disk contradict the record: remove the local file, re-write the record as Broken
 * (all other fields unchanged, same tags, TTL max(60, min(3600, remaining))) so no pod serves or
 * re-reads it until the next set(), and forget it in the L1s. Store failures are swallowed: the
 * next read detects the same thing again.
 */
static void cf_mark_broken(cf_backend *b, cf_meta *m, zend_string *id, const cf_record *rec, zval *raw)
{
	cf_store_delete(&b->store, rec->hash);
	zval copy, user_tags, ns_tags, state;
	ZVAL_ARR(&copy, zend_array_dup(Z_ARRVAL_P(raw)));
	ZVAL_STRINGL(&state, "broken", 6);
	zend_hash_str_update(Z_ARRVAL(copy), ZEND_STRL("state"), &state);
	cf_record_tags(raw, &user_tags);
	cf_namespaced_tags(b, &user_tags, true, &ns_tags);
	zend_string *key = cf_meta_key(b, id);
	bool stored;
	if (cf_meta_counted(b,
			m->ops->set(m, key, &copy, &ns_tags, (zend_long)cf_record_broken_ttl(rec, cf_now()), &stored)) == FAILURE) {
		/* the next read detects the same thing again; an exit or a cycle stays pending */
		cf_clear_exception();
	}
	zend_string_release(key);
	zval_ptr_dtor(&copy);
	zval_ptr_dtor(&user_tags);
	zval_ptr_dtor(&ns_tags);
	zend_hash_del(&b->meta_l1, id);
	zend_hash_str_del(&b->verified, rec->hash, CF_HEX64_LEN);
	cf_lru_forget(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id));
	CF_COUNT(b, MISS_BROKEN);
	CF_COUNT(b, BROKEN_MARKED);
}

/* How many blob misses a backend remembers for the repair counter (beyond that it starts over). */
#define CF_BLOB_MISSED_MAX 256

/* The payload of id is not (or no longer) on this pod: a set() of the same payload is a repair. */
static void cf_remember_missing(cf_backend *b, zend_string *id, const char *hash)
{
	if (zend_hash_num_elements(&b->blob_missed) >= CF_BLOB_MISSED_MAX) {
		zend_hash_clean(&b->blob_missed); /* strings only: no userland runs */
	}
	zval h;
	ZVAL_STRINGL(&h, hash, CF_HEX64_LEN);
	zend_hash_update(&b->blob_missed, id, &h);
}

/* The payload of id is not on this pod (or unreadable): the caller re-renders and set() repairs. */
static void cf_blob_miss(cf_backend *b, zend_string *id, const char *hash)
{
	CF_COUNT(b, BLOB_MISS);
	cf_remember_missing(b, id, hash);
}

/* Serves the compression name written into records and the hash header. */
static const char *cf_compression_name(cf_backend *b)
{
	return cf_codec_name(b->primary);
}

/* The content address of a payload as this backend computes it (serializer, codec, version, PHP). */
static int cf_backend_payload_hash(cf_backend *b, const char *data, size_t len, char out[CF_HEX64_LEN + 1])
{
	static const char php_version[] = ZEND_TOSTR(PHP_MAJOR_VERSION) "." ZEND_TOSTR(PHP_MINOR_VERSION);
	return cf_payload_hash(b->serializer, cf_compression_name(b), b->backend_version, php_version, data, len, out);
}

/*
 * This pod's file contradicts the record while the record itself is sound (a flipped bit, a
 * truncated or swapped file): a local matter. The file goes, this pod misses, and the next set()
 * of the entry re-materialises it; other pods keep serving their own, verified copies.
 */
static void cf_local_corrupt(cf_backend *b, zend_string *id, const cf_record *rec)
{
	cf_store_delete(&b->store, rec->hash);
	zend_hash_str_del(&b->verified, rec->hash, CF_HEX64_LEN);
	cf_lru_forget(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id));
	cf_remember_missing(b, id, rec->hash);
	CF_COUNT(b, MISS_CORRUPT);
}

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

/* ---- methods --------------------------------------------------------------------------------- */

static void cf_read_backend_version(cf_backend *b)
{
	const char *name = b->opts.backend_version_env_var;
	size_t len = strlen(name);
	char *value = sapi_getenv(name, len);
	if (value) {
		b->backend_version = cf_backend_version(value, strlen(value));
		efree(value);
		return;
	}
	const char *env = getenv(name);
	b->backend_version = cf_backend_version(env, env ? strlen(env) : 0);
}

static void cf_set_cache_name(cf_backend *b, const char *name, size_t len)
{
	char buf[CF_KEY_BUF];
	if (b->cache_name) {
		zend_string_release(b->cache_name);
	}
	if (b->ns_tag) {
		zend_string_release(b->ns_tag);
	}
	b->cache_name = zend_string_init(name, len, 0);
	size_t n = cf_ident_ns_tag(name, len, buf);
	b->ns_tag = zend_string_init(buf, n, 0);
	b->mcells = NULL;
	b->mcells_resolved = false; /* looked up on the first count under this name */
}

/*
 * One of TYPO3's SYS.folderCreateMask / SYS.fileCreateMask when set: as TYPO3 reads them, the
 * digits of the value taken as octal ("2775", "0664", " 0775 ", or the int 664). Anything else
 * (unset, not 3-5 octal digits, a mode without the owner's rwx/rw) is CF_STORE_MODE_UMASK: the
 * process umask decides (TYPO3's octdec() would make a mode of any garbage; this falls back instead).
 */
static int cf_typo3_create_mask(const char *key, size_t key_len, int owner_needs)
{
	zval *conf;
	zval *v;
	char digits[24];
	size_t n, i;
	int mode = 0;

	conf = zend_hash_str_find_deref(&EG(symbol_table), ZEND_STRL("TYPO3_CONF_VARS"));
	if (!conf || Z_TYPE_P(conf) != IS_ARRAY) {
		return CF_STORE_MODE_UMASK;
	}
	v = zend_hash_str_find_deref(Z_ARRVAL_P(conf), ZEND_STRL("SYS"));
	if (!v || Z_TYPE_P(v) != IS_ARRAY) {
		return CF_STORE_MODE_UMASK;
	}
	v = zend_hash_str_find_deref(Z_ARRVAL_P(v), key, key_len);
	if (!v) {
		return CF_STORE_MODE_UMASK;
	}
	if (Z_TYPE_P(v) == IS_STRING) {
		n = Z_STRLEN_P(v);
		if (n >= sizeof(digits)) {
			return CF_STORE_MODE_UMASK;
		}
		memcpy(digits, Z_STRVAL_P(v), n);
	} else if (Z_TYPE_P(v) == IS_LONG && Z_LVAL_P(v) >= 0) {
		n = (size_t)snprintf(digits, sizeof(digits), ZEND_LONG_FMT, Z_LVAL_P(v));
	} else {
		return CF_STORE_MODE_UMASK;
	}
	/* surrounding whitespace (a settings file's "0775 "), then 3-5 octal digits ("664", "2775", "02775") */
	size_t start = 0;
	while (start < n && (digits[start] == ' ' || digits[start] == '\t' || digits[start] == '\n')) {
		start++;
	}
	while (n > start && (digits[n - 1] == ' ' || digits[n - 1] == '\t' || digits[n - 1] == '\n')) {
		n--;
	}
	if (n - start < 3 || n - start > 5) {
		return CF_STORE_MODE_UMASK;
	}
	for (i = start; i < n; i++) {
		if (digits[i] < '0' || digits[i] > '7') {
			return CF_STORE_MODE_UMASK;
		}
		mode = mode * 8 + (digits[i] - '0');
	}
	/* no set-id bits on files, no setuid on directories (setgid and sticky are TYPO3's folder habits) */
	int forbidden = owner_needs == 0600 ? 07000 : 04000;
	if (mode > 07777 || (mode & forbidden) || (mode & owner_needs) != owner_needs) {
		/* a mode the store's own processes could not use ("000", "0444" for directories) */
		return CF_STORE_MODE_UMASK;
	}
	return mode;
}

/* The local store for this backend's options: modes from TYPO3's masks, the atime refresh the GC needs. */
static cf_store_status cf_backend_init_store(cf_backend *b, const char *suffix)
{
	cf_gc_limits lim;
	cf_store_status st = cf_store_init(&b->store, b->opts.local_path, b->opts.local_path_len, suffix, b->opts.fsync);
	if (st != CF_STORE_OK) {
		return st;
	}
	b->store.dir_mode = cf_typo3_create_mask(ZEND_STRL("folderCreateMask"), 0700);
	b->store.file_mode = cf_typo3_create_mask(ZEND_STRL("fileCreateMask"), 0600);
	cf_php_gc_limits(&b->opts, &lim);
	b->store.touch_after = cf_gc_touch_interval(&lim);
	return CF_STORE_OK;
}

PHP_METHOD(ClusterFile_NativeBackend, __construct)
{
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
	Z_PARAM_OPTIONAL
	Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	cf_backend *b = Z_CF_BACKEND_P(ZEND_THIS);
	if (b->constructed) {
		zend_throw_error(NULL, "Cannot call constructor twice");
		RETURN_THROWS();
	}
	/* a constructor that failed before may have left parsed options behind */
	cf_options_dtor(&b->opts);
	zval_ptr_dtor(&b->meta_option);
	ZVAL_UNDEF(&b->meta_option);
	HashTable empty;
	if (!options) {
		zend_hash_init(&empty, 0, NULL, NULL, 0);
		options = &empty;
	}
	zend_result r = cf_php_options_parse(options, &b->opts, &b->meta_option);
	if (options == &empty) {
		zend_hash_destroy(&empty);
	}
	if (r == FAILURE) {
		RETURN_THROWS();
	}
	if (cf_meta_redis_check(&b->opts) == FAILURE) {
		RETURN_THROWS();
	}
	if (cf_backend_init_store(b, NULL) != CF_STORE_OK) {
		cf_throw_invalid_cache(
			CF_E_OPTIONS_INVALID, "ClusterFileBackend options invalid:\n[localPath] is not usable as a store root");
		RETURN_THROWS();
	}
	b->primary = b->opts.compression;
	if (b->opts.serializer_igbinary && zend_hash_str_exists(&module_registry, ZEND_STRL("igbinary"))) {
		const char *v = zend_get_module_version("igbinary");
		size_t major = v ? strcspn(v, ".") : 0;
		if (major > 0 && major <= 16) {
			snprintf(b->serializer, sizeof(b->serializer), "igbinary:%.*s", (int)major, v);
		} else {
			snprintf(b->serializer, sizeof(b->serializer), "igbinary:unknown");
		}
	} else {
		snprintf(b->serializer, sizeof(b->serializer), "php:native");
	}
	cf_read_backend_version(b);
	b->payload_l1 = cf_lru_create((size_t)b->opts.payload_l1_max_entries, (size_t)b->opts.payload_l1_max_bytes,
		&cf_emalloc_allocator, cf_l1_release, NULL);
	cf_set_cache_name(b, ZEND_STRL("unbound"));
	b->epoch = CF_G(request_epoch);
	b->l1_since = cf_monotonic_ms();
	b->constructed = true;
}

zend_result cf_backend_bind_probe(zend_object *obj, zend_string *cache)
{
	cf_backend *b = cf_backend_from_obj(obj);
	ZEND_ASSERT(b->constructed);
	if (!cf_cache_name_is_valid(ZSTR_VAL(cache), ZSTR_LEN(cache))) {
		char shown[72];
		cf_printable(ZSTR_VAL(cache), ZSTR_LEN(cache), shown);
		cf_throw_invalid_argument(CF_E_CACHE_NAME,
			"ClusterFileBackend cannot serve the cache \"%s\": a cache identifier must match ^[a-zA-Z0-9_%%&-]{1,64}$, "
			"contain no \"__\" and not end in \"_\"",
			shown);
		return FAILURE;
	}
	cf_set_cache_name(b, ZSTR_VAL(cache), ZSTR_LEN(cache));
	b->mcells = NULL;
	b->mcells_resolved = true;
	return SUCCESS;
}

zend_result cf_backend_probe_metadata(zend_object *obj, zend_string *entry)
{
	cf_backend *b = cf_backend_from_obj(obj);
	cf_meta *m = cf_backend_meta(b);
	if (!m) {
		return FAILURE;
	}
	zval rv;
	zend_string *key = cf_meta_key(b, entry);
	zend_result r = cf_meta_counted(b, m->ops->get(m, key, &rv));
	zend_string_release(key);
	if (r == SUCCESS) {
		zval_ptr_dtor(&rv);
	}
	return r;
}

PHP_METHOD(ClusterFile_NativeBackend, setCache)
{
	zval *cache;
	ZEND_PARSE_PARAMETERS_START(1, 1)
	Z_PARAM_OBJECT(cache)
	ZEND_PARSE_PARAMETERS_END();
	CF_BACKEND_FETCH(b);

	zval id;
	zend_string *method = zend_string_init_fast(ZEND_STRL("getIdentifier"));
	zend_result r = zend_call_method_if_exists(Z_OBJ_P(cache), method, &id, 0, NULL);
	zend_string_release(method);
	if (r == FAILURE || EG(exception)) {
		if (!EG(exception)) {
			zend_argument_type_error(1, "must be a cache frontend with a getIdentifier() method, %s given",
				ZSTR_VAL(Z_OBJCE_P(cache)->name));
		}
		RETURN_THROWS();
	}
	if (Z_TYPE(id) != IS_STRING || !cf_cache_name_is_valid(Z_STRVAL(id), Z_STRLEN(id))) {
		char shown[72] = "";
		if (Z_TYPE(id) == IS_STRING) {
			cf_printable(Z_STRVAL(id), Z_STRLEN(id), shown);
		}
		zval_ptr_dtor(&id);
		cf_throw_invalid_argument(CF_E_CACHE_NAME,
			"ClusterFileBackend cannot serve the cache \"%s\": a cache identifier must match ^[a-zA-Z0-9_%%&-]{1,64}$, "
			"contain no \"__\" and not end in \"_\"",
			shown);
		RETURN_THROWS();
	}
	bool php_mode = cf_typo3_is_php_frontend(Z_OBJCE_P(cache));
	if (php_mode != b->php_mode || !b->cache_name || !zend_string_equals(b->cache_name, Z_STR(id))) {
		cf_store_dtor(&b->store);
		if (cf_backend_init_store(b, php_mode ? ".php" : NULL) != CF_STORE_OK) {
			/* the same root was accepted at construction; only allocation can fail here */
			zval_ptr_dtor(&id);
			zend_throw_error(NULL, "ClusterFileBackend: cannot re-initialise the local store");
			RETURN_THROWS();
		}
		b->php_mode = php_mode;
		b->primary = php_mode ? CF_CODEC_NONE : b->opts.compression;
	}
	cf_set_cache_name(b, Z_STRVAL(id), Z_STRLEN(id));
	zval_ptr_dtor(&id);
	if (b->meta.ops && b->meta.native) {
		/* the native store's namespace is the cache's: made again for the new name on first use */
		b->meta.ops->dtor(&b->meta);
		b->meta.ops = NULL;
	}
	cf_backend_clear_l1(b);
}

static void cf_count_gc(cf_backend *b, cf_counter run, cf_gc_status st, const cf_gc_report *r);

/*
 * Bounds the local store at write time: sampled once per 1/256 of localMaxBytes written (by any
 * process), a step collects 4 of the 256 shard directories against their share of the budget.
 */
static void cf_gc_after_write(cf_backend *b, size_t written, int64_t now)
{
	cf_gc_limits lim;
	cf_gc_report r;
	unsigned first;
	cf_php_gc_limits(&b->opts, &lim);
	if (!cf_gc_should_step(&lim, written, &first)) {
		return;
	}
	cf_gc_status st =
		cf_gc_step(b->opts.local_path, b->opts.local_path_len, &lim, (time_t)now, first, CF_GC_STEP_SHARDS, &r);
	cf_count_gc(b, CF_M_GC_STEP, st, &r);
}

PHP_METHOD(ClusterFile_NativeBackend, set)
{
	zend_string *id, *data;
	HashTable *tags = NULL;
	zend_long lifetime = 0;
	bool lifetime_null = true;
	ZEND_PARSE_PARAMETERS_START(2, 4)
	Z_PARAM_STR(id)
	Z_PARAM_STR(data)
	Z_PARAM_OPTIONAL
	Z_PARAM_ARRAY_HT(tags)
	Z_PARAM_LONG_OR_NULL(lifetime, lifetime_null)
	ZEND_PARSE_PARAMETERS_END();
	CF_BACKEND_FETCH(b);

	if ((int64_t)ZSTR_LEN(data) > b->opts.max_payload_bytes) {
		cf_throw_invalid_data(CF_E_PAYLOAD_TOO_LARGE, "Payload size %zu exceeds configured maxPayloadBytes %" PRId64,
			ZSTR_LEN(data), b->opts.max_payload_bytes);
		RETURN_THROWS();
	}
	if (cf_validate_identifier(b, id, CF_OP_SET) != CF_ID_OK) {
		RETURN_THROWS();
	}
	zval user_tags;
	if (!cf_normalize_tags(tags, b->php_mode ? CF_E_TAG_PHP : CF_E_TAG, &user_tags)) {
		RETURN_THROWS();
	}
	cf_record rec;
	memset(&rec, 0, sizeof(rec));
	int64_t now = cf_now();
	if (!cf_record_lifetime(
			!lifetime_null, lifetime, b->opts.default_lifetime, now, &rec.created_at, &rec.expires_at)) {
		/* now + lifetime does not fit: longer than anything representable is unlimited (as TYPO3's
		 * database backend clamps lifetimes beyond its maximum) */
		cf_record_lifetime(true, 0, b->opts.default_lifetime, now, &rec.created_at, &rec.expires_at);
	}
	cf_meta *m = cf_backend_meta(b);
	if (!m) {
		zval_ptr_dtor(&user_tags);
		RETURN_THROWS();
	}

	/* The file's bytes: marker + body, or PHP source as given. */
	char *encoded = NULL;
	size_t encoded_len = 0;
	const char *file = ZSTR_VAL(data);
	size_t file_len = ZSTR_LEN(data);
	if (!b->php_mode) {
		cf_codec_status cs = cf_codec_encode(&CF_G(codec), b->primary, (size_t)b->opts.min_compressed_bytes,
			ZSTR_VAL(data), ZSTR_LEN(data), &cf_emalloc_allocator, &encoded, &encoded_len);
		if (cs != CF_CODEC_OK) {
			zval_ptr_dtor(&user_tags);
			CF_COUNT(b, WRITE_ERROR);
			cf_throw_plain(CF_E_STORE, "encoding failed: %s", cf_codec_strerror(cs));
			cf_throw_cache(CF_E_WRITE_FAILED,
				"ClusterFileBackend: set(\"%s\") of cache \"%s\" failed: encoding the payload failed (see previous)",
				ZSTR_VAL(id), ZSTR_VAL(b->cache_name));
			RETURN_THROWS();
		}
		file = encoded;
		file_len = encoded_len;
	}
	rec.compression = b->primary;
	rec.payload_size = (int64_t)file_len;
	rec.backend_version = b->backend_version;
	rec.broken = false;
	if (cf_backend_payload_hash(b, ZSTR_VAL(data), ZSTR_LEN(data), rec.hash) != 0 ||
		cf_sha256_hex(file, file_len, rec.checksum) != 0) {
		if (encoded) {
			efree(encoded);
		}
		zval_ptr_dtor(&user_tags);
		CF_COUNT(b, WRITE_ERROR);
		cf_throw_plain(CF_E_STORE, "sha256 failed");
		cf_throw_cache(CF_E_WRITE_FAILED,
			"ClusterFileBackend: set(\"%s\") of cache \"%s\" failed: hashing the payload failed (see previous)",
			ZSTR_VAL(id), ZSTR_VAL(b->cache_name));
		RETURN_THROWS();
	}

	zend_string *key = cf_meta_key(b, id);
	zval record, ns_tags;
	const char *failed;
	ZVAL_UNDEF(&record);
	ZVAL_UNDEF(&ns_tags);

	/* 1. Repair or write: the same payload as the record this unit of work read for the entry, or as
	 * a blob miss (or a corrupt file) of this backend found missing (the usual repair: a get() found
	 * the record but not the file, the caller re-rendered the same bytes). No metadata read for it:
	 * a write is one metadata round trip. */
	zval *known = zend_hash_find(&b->meta_l1, id);
	zval *missing = zend_hash_find(&b->blob_missed, id);
	bool repair =
		(known && Z_TYPE_P(known) == IS_PTR && strcmp(((cf_meta_l1_entry *)Z_PTR_P(known))->rec.hash, rec.hash) == 0) ||
		(missing && strcmp(Z_STRVAL_P(missing), rec.hash) == 0);
	if (missing) {
		zend_hash_del(&b->blob_missed, id);
	}

	/* 2. Local file first: metadata never points at a file this pod failed to write. */
	cf_store_status ss = cf_store_write(&b->store, rec.hash, file, file_len);
	if (ss != CF_STORE_OK) {
		int err = errno;
		cf_throw_plain(CF_E_STORE, "write under localPath \"%s\" failed: %s (errno %d: %s)",
			b->store.root_len ? b->store.root : "/", cf_store_strerror(ss), err, strerror(err));
		failed = "writing the payload file under localPath failed";
		goto fail;
	}

	/* 3. Metadata second. */
	cf_record_to_array(&record, ZSTR_VAL(id), ZSTR_LEN(id), &rec, b->serializer, &user_tags);
	cf_namespaced_tags(b, &user_tags, true, &ns_tags);
	cf_shared_payload_attach(m, b->opts.shared_payload_max, &record, file, file_len);
	bool stored = false;
	if (cf_meta_counted(b, m->ops->set(m, key, &record, &ns_tags, (zend_long)cf_record_store_lifetime(&rec, now),
							   &stored)) == FAILURE) {
		failed = "the metadata store failed writing the record";
		goto fail;
	}
	if (!stored) {
		/* The native store's guard: the content was computed before an invalidation of one of its
		 * tags (or a newer write or a removal is stored). Not an error (TYPO3's set() is void); the
		 * entry stays a miss. */
		CF_COUNT(b, WRITE_REJECTED);
		zend_hash_del(&b->meta_l1, id);
		cf_lru_forget(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id));
		zend_string_release(key);
		zval_ptr_dtor(&record);
		zval_ptr_dtor(&ns_tags);
		zval_ptr_dtor(&user_tags);
		if (encoded) {
			efree(encoded);
		}
		return;
	}

	if (repair) {
		CF_COUNT(b, REBUILD);
		CF_COUNT(b, REPAIR);
	} else {
		CF_COUNT(b, WRITE);
	}
	cf_count_n(b, CF_M_BYTES_WRITTEN, (zend_long)file_len);
	cf_gc_after_write(b, file_len, now);
	zend_hash_del(&b->meta_l1, id);
	zend_hash_str_del(&b->verified, rec.hash, CF_HEX64_LEN);
	if (!b->php_mode) {
		/* drop the entry first: when data is the very string the L1 holds (a value read back and
		 * stored again), the put must not keep the old reference next to the new one */
		cf_lru_forget(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id));
		zend_string *copy = zend_string_copy(data);
		if (!cf_lru_put(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id), copy, ZSTR_LEN(data))) {
			zend_string_release(copy);
		}
	}
	zend_string_release(key);
	zval_ptr_dtor(&record);
	zval_ptr_dtor(&ns_tags);
	zval_ptr_dtor(&user_tags);
	if (encoded) {
		efree(encoded);
	}
	return;

fail:
	CF_COUNT(b, WRITE_ERROR);
	/* Whatever this request held for the identifier is no longer trustworthy. */
	zend_hash_del(&b->meta_l1, id);
	cf_lru_forget(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id));
	zend_string_release(key);
	zval_ptr_dtor(&record);
	zval_ptr_dtor(&ns_tags);
	zval_ptr_dtor(&user_tags);
	if (encoded) {
		efree(encoded);
	}
	cf_throw_cache(CF_E_WRITE_FAILED, "ClusterFileBackend: set(\"%s\") of cache \"%s\" failed: %s (see previous)",
		ZSTR_VAL(id), ZSTR_VAL(b->cache_name), failed);
	RETURN_THROWS();
}

/*
 * A blob miss with sharedPayloadMaxBytes on: the file's bytes another pod kept beside the record,
 * verified against it and written into this pod's store (php_shared_payload.c). NULL: none usable,
 * a plain blob miss. The caller counts the hit.
 */
static int cf_backend_payload_address(void *ctx, const char *payload, size_t len, char out[CF_HEX64_LEN + 1])
{
	return cf_backend_payload_hash((cf_backend *)ctx, payload, len, out);
}

static zend_string *cf_backend_shared_payload(cf_backend *b, cf_meta *m, zend_string *id, const cf_record *rec)
{
	if (b->opts.shared_payload_max <= 0) {
		return NULL;
	}
	size_t written = 0;
	zend_string *key = cf_meta_key(b, id);
	zend_string *payload = cf_shared_payload_fetch(m, &b->store, key, rec, cf_backend_payload_address, b,
		b->opts.shared_payload_max, b->php_mode, (size_t)b->opts.max_payload_bytes, &written);
	zend_string_release(key);
	if (payload && written) {
		cf_count_n(b, CF_M_BYTES_WRITTEN, (zend_long)written);
		cf_gc_after_write(b, written, cf_now());
	}
	return payload;
}

PHP_METHOD(ClusterFile_NativeBackend, get)
{
	CF_ENTRY_METHOD_START(b, m, id, CF_OP_GET);
	zend_string *hit = cf_lru_get(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id));
	if (hit) {
		CF_COUNT(b, L1_HIT);
		RETURN_STR_COPY(hit);
	}
	/* Through the metadata L1: a has() before (or after) this get() costs no second metadata read. */
	cf_lookup lk;
	cf_meta_l1_entry *e = cf_load_record(b, m, id, &lk);
	if (EG(exception)) {
		/* an exit or a metadata cycle (anything else was a quiet miss) */
		RETURN_THROWS();
	}
	if (lk == CF_LOOKUP_ERROR) {
		RETURN_FALSE;
	}
	if (!e) {
		CF_COUNT(b, MISS_NO_METADATA);
		RETURN_FALSE;
	}
	/* own copies: the L1 entry may go while userland runs (a Broken re-write, a re-entrant reset()) */
	cf_record rec = e->rec;
	zval raw;
	ZVAL_COPY(&raw, &e->raw);
	if (rec.broken) {
		zval_ptr_dtor(&raw);
		CF_COUNT(b, MISS_BROKEN);
		RETURN_FALSE;
	}
	if (cf_record_is_expired(&rec, cf_now())) {
		zval_ptr_dtor(&raw);
		CF_COUNT(b, MISS_EXPIRED);
		RETURN_FALSE;
	}
	size_t max_file =
		b->php_mode ? (size_t)b->opts.max_payload_bytes : cf_codec_max_encoded_size((size_t)b->opts.max_payload_bytes);
	char *bytes = NULL;
	size_t len = 0;
	/* Structural checks only (no symlink, a regular file, bounded size): whether the bytes are the
	 * payload the record names is decided below. */
	/* read into a zend_string: a PHP file, or an uncompressed payload (its marker stripped in place),
	 * is returned without another copy */
	cf_store_status ss =
		cf_store_read_verified(&b->store, rec.hash, NULL, -1, max_file, &cf_zstr_allocator, &bytes, &len);
	if (ss != CF_STORE_OK) {
		zend_string *shared = NULL;
		if (cf_store_is_integrity_failure(ss)) {
			cf_local_corrupt(b, id, &rec);
		} else if (!(shared = cf_backend_shared_payload(b, m, id, &rec))) {
			/* not on this pod (or unreadable): the caller re-renders and set() repairs */
			cf_blob_miss(b, id, rec.hash);
		}
		zval_ptr_dtor(&raw);
		if (shared) {
			CF_COUNT(b, HIT);
			CF_COUNT(b, SHARED_PAYLOAD_HIT);
			if (!b->php_mode && cf_lru_put(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id), shared, ZSTR_LEN(shared))) {
				zend_string_addref(shared);
			}
			RETURN_STR(shared);
		}
		if (EG(exception)) {
			RETURN_THROWS();
		}
		RETURN_FALSE;
	}
	cf_count_n(b, CF_M_BYTES_READ, (zend_long)len);
	/* Fast path: exactly the bytes the writer wrote (size and checksum of the record). */
	char sum[CF_HEX64_LEN + 1];
	bool exact =
		(int64_t)len == rec.payload_size && cf_sha256_hex(bytes, len, sum) == 0 && cf_hex64_equals(sum, rec.checksum);
	zend_string *payload;
	if (b->php_mode) {
		payload = cf_zstr_finish(bytes, len);
	} else if (len >= 1 && (unsigned char)bytes[0] == CF_CODEC_NONE && len - 1 <= (size_t)b->opts.max_payload_bytes) {
		/* what cf_codec_decode does for the none marker, without a second buffer */
		memmove(bytes, bytes + 1, len - 1);
		payload = cf_zstr_finish(bytes, len - 1);
	} else {
		char *out = NULL;
		size_t out_len = 0;
		cf_codec_status cs = cf_codec_decode(
			&CF_G(codec), bytes, len, (size_t)b->opts.max_payload_bytes, &cf_zstr_allocator, &out, &out_len, NULL);
		cf_zfree(bytes, NULL);
		if (cs != CF_CODEC_OK) {
			if (!exact) {
				cf_local_corrupt(b, id, &rec);
			} else if (cs == CF_CODEC_E_EMPTY || cs == CF_CODEC_E_MARKER || cs == CF_CODEC_E_CORRUPT) {
				/* the writer's own bytes are not a payload: the entry is broken on every pod */
				cf_mark_broken(b, m, id, &rec, &raw);
			} else {
				CF_COUNT(b, DECODE_ERROR);
			}
			zval_ptr_dtor(&raw);
			if (EG(exception)) {
				RETURN_THROWS();
			}
			RETURN_FALSE;
		}
		payload = cf_zstr_finish(out, out_len);
	}
	if (!exact) {
		/* Other bytes than the writer's (this pod encodes differently, e.g. another
		 * minCompressedBytes or libzstd): serve them only if they are the very payload the record
		 * names, i.e. they hash to its content address. */
		char h[CF_HEX64_LEN + 1];
		if (cf_backend_payload_hash(b, ZSTR_VAL(payload), ZSTR_LEN(payload), h) != 0 || !cf_hex64_equals(h, rec.hash)) {
			zend_string_release(payload);
			cf_local_corrupt(b, id, &rec);
			zval_ptr_dtor(&raw);
			RETURN_FALSE;
		}
	}
	zval_ptr_dtor(&raw);
	CF_COUNT(b, HIT);
	CF_COUNT(b, LOCAL_HIT);
	if (!b->php_mode && cf_lru_put(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id), payload, ZSTR_LEN(payload))) {
		zend_string_addref(payload);
	}
	RETURN_STR(payload);
}

PHP_METHOD(ClusterFile_NativeBackend, has)
{
	CF_ENTRY_METHOD_START(b, m, id, CF_OP_HAS);
	cf_lookup lk;
	cf_meta_l1_entry *e = cf_load_record(b, m, id, &lk);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_BOOL(e && cf_record_is_live(&e->rec, cf_now()));
}

/* An invalidation the metadata store did not carry out: counted, and thrown as Cache\Exception
 * 1747500061 (the store's pending exception becomes its previous). The caller RETURN_THROWS(). */
static void cf_invalidation_failed(cf_backend *b, cf_counter counter, const char *fmt, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 3, 4);
static void cf_invalidation_failed(cf_backend *b, cf_counter counter, const char *fmt, ...)
{
	cf_count_n(b, counter, 1);
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	zend_vspprintf(&msg, 0, fmt, ap);
	va_end(ap);
	cf_throw_cache(CF_E_INVALIDATION_FAILED, "%s", msg);
	efree(msg);
}

PHP_METHOD(ClusterFile_NativeBackend, remove)
{
	CF_ENTRY_METHOD_START(b, m, id, CF_OP_REMOVE);
	zend_string *key = cf_meta_key(b, id);
	bool removed = false;
	zend_result r = cf_meta_counted(b, m->ops->remove(m, key, &removed));
	zend_string_release(key);
	/* Forget the entry in this request either way: a failed remove must not leave a stale L1 copy. */
	zend_hash_del(&b->meta_l1, id);
	cf_lru_forget(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id));
	if (r == FAILURE) {
		cf_invalidation_failed(b, CF_M_INVALIDATION_ERROR,
			"ClusterFileBackend: remove(\"%s\") of cache \"%s\" was not carried out: the metadata store failed "
			"(see previous); the entry may still be served",
			ZSTR_VAL(id), ZSTR_VAL(b->cache_name));
		RETURN_THROWS();
	}
	if (removed) {
		CF_COUNT(b, REMOVE);
	}
	RETURN_BOOL(removed);
}

PHP_METHOD(ClusterFile_NativeBackend, flush)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	cf_meta *m = cf_backend_meta(b);
	cf_backend_clear_l1(b);
	if (!m) {
		RETURN_THROWS();
	}
	zend_result r = cf_meta_counted(b, m->ops->flush_by_tag(m, b->ns_tag));
	cf_backend_clear_l1(b);
	if (r == FAILURE) {
		cf_invalidation_failed(b, CF_M_FLUSH_ERR_FLUSH,
			"ClusterFileBackend: flush() of cache \"%s\" was not carried out: the metadata store failed (see "
			"previous); its entries may still be served",
			ZSTR_VAL(b->cache_name));
		RETURN_THROWS();
	}
	CF_COUNT(b, FLUSH_FULL);
}

PHP_METHOD(ClusterFile_NativeBackend, flushByTag)
{
	zend_string *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
	Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();
	CF_BACKEND_FETCH(b);
	cf_backend_clear_l1(b);
	if (!cf_check_tag(ZSTR_VAL(tag), ZSTR_LEN(tag), CF_E_TAG_FLUSH)) {
		RETURN_THROWS();
	}
	cf_meta *m = cf_backend_meta(b);
	if (!m) {
		RETURN_THROWS();
	}
	char buf[CF_KEY_BUF];
	size_t n = cf_ident_user_tag(ZSTR_VAL(b->cache_name), ZSTR_LEN(b->cache_name), ZSTR_VAL(tag), ZSTR_LEN(tag), buf);
	zend_string *ns = zend_string_init(buf, n, 0);
	zend_result r = cf_meta_counted(b, m->ops->flush_by_tag(m, ns));
	zend_string_release(ns);
	cf_backend_clear_l1(b);
	if (r == FAILURE) {
		cf_invalidation_failed(b, CF_M_FLUSH_ERR_TAG,
			"ClusterFileBackend: flushByTag(\"%s\") of cache \"%s\" was not carried out: the metadata store failed "
			"(see previous); entries with that tag may still be served",
			ZSTR_VAL(tag), ZSTR_VAL(b->cache_name));
		RETURN_THROWS();
	}
	CF_COUNT(b, FLUSH_TAG);
}

PHP_METHOD(ClusterFile_NativeBackend, flushByTags)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
	Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	CF_BACKEND_FETCH(b);
	cf_backend_clear_l1(b);
	zval user_tags, ns_tags;
	if (!cf_normalize_tags(tags, CF_E_TAG_FLUSH_TAGS, &user_tags)) {
		RETURN_THROWS();
	}
	if (zend_hash_num_elements(Z_ARRVAL(user_tags)) == 0) {
		zval_ptr_dtor(&user_tags);
		return;
	}
	cf_meta *m = cf_backend_meta(b);
	if (!m) {
		zval_ptr_dtor(&user_tags);
		RETURN_THROWS();
	}
	cf_namespaced_tags(b, &user_tags, false, &ns_tags);
	zend_result r = cf_meta_counted(b, m->ops->flush_by_tags(m, &ns_tags));
	zend_long count = (zend_long)zend_hash_num_elements(Z_ARRVAL(user_tags));
	zval_ptr_dtor(&user_tags);
	zval_ptr_dtor(&ns_tags);
	cf_backend_clear_l1(b);
	if (r == FAILURE) {
		cf_invalidation_failed(b, CF_M_FLUSH_ERR_TAGS,
			"ClusterFileBackend: flushByTags() of cache \"%s\" (%ld tags) was not carried out: the metadata store "
			"failed (see previous); entries with those tags may still be served",
			ZSTR_VAL(b->cache_name), (long)count);
		RETURN_THROWS();
	}
	cf_count_n(b, CF_M_FLUSH_TAG, count);
}

/* Whether raw is a usable, live record of id whose tags include tag. */
static bool cf_record_carries_live_tag(zval *raw, zend_string *id, zend_string *tag)
{
	cf_record rec;
	if (Z_TYPE_P(raw) != IS_ARRAY || !cf_record_from_array(raw, ZSTR_VAL(id), ZSTR_LEN(id), &rec) ||
		!cf_record_is_live(&rec, cf_now()) || cf_record_is_from_future(&rec, cf_now())) {
		return false;
	}
	zval *tags = zend_hash_str_find_deref(Z_ARRVAL_P(raw), ZEND_STRL("tags"));
	zval *t;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(tags), t)
	{
		ZVAL_DEREF(t);
		if (Z_TYPE_P(t) == IS_STRING && zend_string_equals(Z_STR_P(t), tag)) {
			return true;
		}
	}
	ZEND_HASH_FOREACH_END();
	return false;
}

PHP_METHOD(ClusterFile_NativeBackend, findIdentifiersByTag)
{
	zend_string *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
	Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();
	CF_BACKEND_FETCH(b);
	if (!cf_ident_is_valid(ZSTR_VAL(tag), ZSTR_LEN(tag))) {
		/* no entry can carry such a tag (set() refuses it): nothing found, as TYPO3's backends answer */
		RETURN_EMPTY_ARRAY();
	}
	cf_meta *m = cf_backend_meta(b);
	if (!m) {
		RETURN_THROWS();
	}
	char buf[CF_KEY_BUF];
	size_t n = cf_ident_user_tag(ZSTR_VAL(b->cache_name), ZSTR_LEN(b->cache_name), ZSTR_VAL(tag), ZSTR_LEN(tag), buf);
	zend_string *ns = zend_string_init(buf, n, 0);
	zval keys;
	zend_result r = cf_meta_counted(b, m->ops->find_by_tag(m, ns, &keys));
	zend_string_release(ns);
	if (r == FAILURE) {
		zval_ptr_dtor(&keys);
		RETURN_THROWS();
	}
	HashTable seen;
	zend_hash_init(&seen, 8, NULL, NULL, 0);
	array_init(return_value);
	zval *zk;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(keys), zk)
	{
		const char *rest;
		size_t rest_len;
		bool hashed;
		if (Z_TYPE_P(zk) != IS_STRING || !cf_ident_split_meta_key(ZSTR_VAL(b->cache_name), ZSTR_LEN(b->cache_name),
											 Z_STRVAL_P(zk), Z_STRLEN_P(zk), &rest, &rest_len, &hashed)) {
			continue;
		}
		/* The store's tag index may be stale (TYPO3's Redis and transient backends keep tag sets
		 * past the entry's TTL): only a live record that still carries the tag counts. */
		zval rv;
		if (cf_meta_counted(b, m->ops->get(m, Z_STR_P(zk), &rv)) == FAILURE) {
			if (!cf_clear_exception()) {
				break;
			}
			continue;
		}
		zend_string *found = NULL;
		if (hashed) {
			/* the key does not carry the identifier: the record does */
			zval *idv = Z_TYPE(rv) == IS_ARRAY ? zend_hash_str_find_deref(Z_ARRVAL(rv), ZEND_STRL("identifier")) : NULL;
			if (idv && Z_TYPE_P(idv) == IS_STRING && cf_ident_is_valid(Z_STRVAL_P(idv), Z_STRLEN_P(idv))) {
				zend_string *probe = cf_meta_key(b, Z_STR_P(idv));
				if (zend_string_equals(probe, Z_STR_P(zk))) {
					found = zend_string_copy(Z_STR_P(idv));
				}
				zend_string_release(probe);
			}
		} else {
			found = zend_string_init(rest, rest_len, 0);
		}
		if (found && !cf_record_carries_live_tag(&rv, found, tag)) {
			zend_string_release(found);
			found = NULL;
		}
		zval_ptr_dtor(&rv);
		if (found) {
			if (zend_hash_add_empty_element(&seen, found)) {
				add_next_index_str(return_value, found);
			} else {
				zend_string_release(found);
			}
		}
	}
	ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&seen);
	zval_ptr_dtor(&keys);
	if (EG(exception)) {
		RETURN_THROWS();
	}
}

/* Counts one collection or step of the local store. */
static void cf_count_gc(cf_backend *b, cf_counter run, cf_gc_status st, const cf_gc_report *r)
{
	cf_count_n(b, run, 1);
	cf_count_n(b, CF_M_GC_REMOVED, (zend_long)(r->removed_temp + r->removed_expired + r->removed_evicted));
	cf_count_n(b, CF_M_GC_REMOVED_BYTES, (zend_long)r->removed_bytes);
	cf_count_n(b, CF_M_GC_ERROR, (zend_long)r->errors + (st == CF_GC_E_ROOT || st == CF_GC_E_ARG ? 1 : 0));
	/* the local store as this collection left it (a step knows its running estimate of the bytes only) */
	if (st == CF_GC_OK && run == CF_M_GC_RUN) { /* b->mcells was resolved by the counts above */
		cf_metrics_set(b->mcells, CF_M_STORE_BYTES, (uint64_t)r->remaining_bytes);
		cf_metrics_set(b->mcells, CF_M_STORE_FILES, (uint64_t)r->remaining_files);
	} else if (st == CF_GC_OK && r->estimated_bytes >= 0) {
		cf_metrics_set(b->mcells, CF_M_STORE_BYTES, (uint64_t)r->estimated_bytes);
	}
}

PHP_METHOD(ClusterFile_NativeBackend, collectGarbage)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	/* The local store: temp files of crashed writers, files past localMaxAgeSeconds, then the least
	 * recently used down to localMaxBytes; once per localPath per unit of work however many caches
	 * share it. A failure is counted, never thrown: the metadata GC below must still run. */
	cf_gc_limits lim;
	cf_php_gc_limits(&b->opts, &lim);
	if (!cf_php_gc_local_done(b->opts.local_path, b->opts.local_path_len, &lim)) {
		cf_gc_report r;
		cf_gc_status st = cf_gc_collect(b->opts.local_path, b->opts.local_path_len, &lim, (time_t)cf_now(), &r);
		cf_count_gc(b, CF_M_GC_RUN, st, &r);
		cf_php_gc_local_mark(b->opts.local_path, b->opts.local_path_len, &lim);
	}
	cf_meta *m = cf_backend_meta(b);
	if (!m) {
		RETURN_THROWS();
	}
	/* The metadata cache is shared by every cluster cache: collect it once per request (or unit of
	 * work) however many caches ask. */
	if (Z_TYPE(m->frontend) != IS_OBJECT) {
		/* the native store: this cache's namespace only */
		if (cf_meta_counted(b, m->ops->collect_garbage(m)) == FAILURE) {
			RETURN_THROWS();
		}
		return;
	}
	zend_object *store = Z_OBJ(m->frontend);
	if (cf_php_gc_meta_done(store)) {
		return;
	}
	if (cf_meta_counted(b, m->ops->collect_garbage(m)) == FAILURE) {
		RETURN_THROWS();
	}
	cf_php_gc_meta_mark(store);
}

/* requireOnce()/require(): metadata valid, file present and verified once per request, then PHP's own include. */
static void cf_do_require(INTERNAL_FUNCTION_PARAMETERS, bool once)
{
	CF_ENTRY_METHOD_START(b, m, id, once ? CF_OP_REQUIRE_ONCE : CF_OP_REQUIRE);
	if (!b->php_mode) {
		/* a VariableFrontend's payload files are data (a marker and serialized bytes), never code */
		RETURN_FALSE;
	}
	cf_lookup lk;
	cf_meta_l1_entry *e = cf_load_record(b, m, id, &lk);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	if (!e) {
		if (lk == CF_LOOKUP_ABSENT) {
			CF_COUNT(b, MISS_NO_METADATA);
		}
		RETURN_FALSE;
	}
	if (e->rec.broken) {
		CF_COUNT(b, MISS_BROKEN);
		RETURN_FALSE;
	}
	if (cf_record_is_expired(&e->rec, cf_now())) {
		CF_COUNT(b, MISS_EXPIRED);
		RETURN_FALSE;
	}
	/* PHP opens the file by path: pinned against the local GC from the check until the include is done */
	char hash[CF_HEX64_LEN + 1];
	memcpy(hash, e->rec.hash, sizeof(hash));
	int pin = cf_php_gc_pin(&b->store, hash);
	char path[MAXPATHLEN];
	size_t plen = cf_store_path(&b->store, hash, path, sizeof(path));
	if (plen == 0) {
		cf_php_gc_unpin(pin);
		RETURN_FALSE;
	}
	if (!zend_hash_str_exists(&b->verified, e->rec.hash, CF_HEX64_LEN)) {
		/* a file this thread verified in an earlier request, unchanged since, is not read again */
		cf_store_file_id known, file_id;
		bool have_known = cf_verified_lookup(path, plen, e->rec.checksum, &known), read_it = false;
		cf_store_status ss =
			cf_store_verify_known(&b->store, e->rec.hash, e->rec.checksum, (long long)e->rec.payload_size,
				(size_t)b->opts.max_payload_bytes, have_known ? &known : NULL, &file_id, &read_it);
		bool shared = false;
		if (ss != CF_STORE_OK && !cf_store_is_integrity_failure(ss)) {
			cf_record rec = e->rec;
			zend_string *source = cf_backend_shared_payload(b, m, id, &rec);
			if (source) {
				/* written from the shared copy: pin its (maybe new) shard and check it like any file */
				zend_string_release(source);
				cf_php_gc_unpin(pin);
				pin = cf_php_gc_pin(&b->store, hash);
				ss = cf_store_verify_known(&b->store, rec.hash, rec.checksum, (long long)rec.payload_size,
					(size_t)b->opts.max_payload_bytes, NULL, &file_id, &read_it);
				shared = ss == CF_STORE_OK;
			} else if (EG(exception)) {
				cf_php_gc_unpin(pin);
				RETURN_THROWS();
			}
		}
		if (read_it) {
			CF_COUNT(b, REQUIRE_VERIFY);
		}
		if (ss == CF_STORE_OK) {
			cf_verified_remember(path, plen, e->rec.checksum, &file_id);
		} else {
			cf_verified_forget(path, plen);
		}
		if (shared) {
			CF_COUNT(b, SHARED_PAYLOAD_HIT);
		}
		if (ss != CF_STORE_OK) {
			cf_php_gc_unpin(pin);
			if (cf_store_is_integrity_failure(ss)) {
				cf_record rec = e->rec;
				cf_local_corrupt(b, id, &rec);
			} else {
				cf_blob_miss(b, id, e->rec.hash);
			}
			RETURN_FALSE;
		}
		zend_hash_str_add_empty_element(&b->verified, e->rec.hash, CF_HEX64_LEN);
	} else if (cf_store_probe(&b->store, e->rec.hash) != CF_STORE_OK) {
		/* verified earlier in this request, but the path changed since: start over next call */
		cf_php_gc_unpin(pin);
		cf_blob_miss(b, id, e->rec.hash);
		zend_hash_str_del(&b->verified, e->rec.hash, CF_HEX64_LEN);
		RETURN_FALSE;
	}
	zend_string *zpath = zend_string_init(path, plen, 0);
	/* the included code may run anything (this backend's reset(), a flush): e is not used past here.
	 * A fatal error in it (a bailout) leaves the pin to RSHUTDOWN. */
	zend_result r = cf_typo3_require(zpath, once, return_value);
	cf_php_gc_unpin(pin);
	zend_string_release(zpath);
	if (r == FAILURE) {
		if (EG(exception)) {
			RETURN_THROWS();
		}
		RETURN_FALSE;
	}
	CF_COUNT(b, REQUIRE_HIT);
}

PHP_METHOD(ClusterFile_NativeBackend, requireOnce)
{
	cf_do_require(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(ClusterFile_NativeBackend, require)
{
	cf_do_require(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(ClusterFile_NativeBackend, reset)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	cf_backend_clear_l1(b);
	if (b->meta.ops && b->meta.ops->end_unit) {
		b->meta.ops->end_unit(&b->meta);
	}
	cf_php_gc_local_forget(b->opts.local_path, b->opts.local_path_len);
	if (b->meta.ops && Z_TYPE(b->meta.frontend) == IS_OBJECT) {
		cf_php_gc_meta_forget(Z_OBJ(b->meta.frontend));
	}
}

PHP_METHOD(ClusterFile_NativeBackend, getOptions)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	cf_php_options_to_array(&b->opts, return_value);
}

PHP_METHOD(ClusterFile_NativeBackend, getStatistics)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	zval miss, flush, flush_err;
	array_init(return_value);
	add_assoc_str(return_value, "cacheName", zend_string_copy(b->cache_name));
	char ns[256];
	snprintf(ns, sizeof(ns), "cfb:%s:%s:%s", b->opts.ns_environment, b->opts.ns_instance, ZSTR_VAL(b->cache_name));
	add_assoc_string(return_value, "namespace", ns);
	add_assoc_long(return_value, "backendVersion", (zend_long)b->backend_version);
	add_assoc_string(return_value, "serializer", b->serializer);
	add_assoc_string(return_value, "compression", cf_compression_name(b));
	add_assoc_long(return_value, cf_counter_labels[CF_M_HIT], b->counters[CF_M_HIT]);
	add_assoc_long(return_value, cf_counter_labels[CF_M_LOCAL_HIT], b->counters[CF_M_LOCAL_HIT]);
	add_assoc_long(return_value, cf_counter_labels[CF_M_L1_HIT], b->counters[CF_M_L1_HIT]);
	array_init(&miss);
	for (int i = CF_M_MISS_METADATA_ERROR; i <= CF_M_MISS_EXPIRED; i++) {
		add_assoc_long(&miss, cf_counter_labels[i], b->counters[i]);
	}
	add_assoc_zval(return_value, "cache_miss_total", &miss);
	for (int i = CF_M_BLOB_MISS; i <= CF_M_WRITE_ERROR; i++) {
		add_assoc_long(return_value, cf_counter_labels[i], b->counters[i]);
	}
	array_init(&flush);
	add_assoc_long(&flush, cf_counter_labels[CF_M_FLUSH_FULL], b->counters[CF_M_FLUSH_FULL]);
	add_assoc_long(&flush, cf_counter_labels[CF_M_FLUSH_TAG], b->counters[CF_M_FLUSH_TAG]);
	add_assoc_zval(return_value, "cache_flush_total", &flush);
	array_init(&flush_err);
	for (int i = CF_M_FLUSH_ERR_FLUSH; i <= CF_M_INVALIDATION_ERROR; i++) {
		add_assoc_long(&flush_err, cf_counter_labels[i], b->counters[i]);
	}
	add_assoc_zval(return_value, "cache_flush_error_total", &flush_err);
	for (int i = CF_M_REQUIRE_HIT; i <= CF_M_STATS_LAST; i++) {
		add_assoc_long(return_value, cf_counter_labels[i], b->counters[i]);
	}
	add_assoc_long(return_value, "payload_l1_entries", (zend_long)cf_lru_count(b->payload_l1));
	add_assoc_long(return_value, "payload_l1_bytes", (zend_long)cf_lru_bytes(b->payload_l1));
}

PHP_METHOD(ClusterFile_NativeBackend, getMetadataCacheIdentifier)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	RETURN_STRING(b->opts.metadata_cache_identifier ? b->opts.metadata_cache_identifier : "");
}

PHP_METHOD(ClusterFile_NativeBackend, getLocalPath)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	RETURN_STRINGL(b->opts.local_path, b->opts.local_path_len);
}

PHP_METHOD(ClusterFile_NativeBackend, getNamespaceEnvironment)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	RETURN_STRING(b->opts.ns_environment);
}

PHP_METHOD(ClusterFile_NativeBackend, getNamespaceInstance)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	RETURN_STRING(b->opts.ns_instance);
}

void cf_backend_minit(void)
{
	cf_backend_ce = register_class_ClusterFile_NativeBackend();
	cf_backend_ce->create_object = cf_backend_create;
	memcpy(&cf_backend_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	cf_backend_handlers.offset = XtOffsetOf(cf_backend, std);
	cf_backend_handlers.free_obj = cf_backend_free;
	cf_backend_handlers.clone_obj = NULL;
	cf_backend_handlers.get_gc = cf_backend_get_gc;
}
