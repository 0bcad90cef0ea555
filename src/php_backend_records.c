/*
 * clusterfile: ClusterFile\NativeBackend - the metadata store and its records: lazy resolution, the metadata L1, Broken
 * marking, local corruption, the blob-miss memory (see php_backend_int.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ident.h"
#include "php_typo3.h"
#include "php_meta_redis.h"
#include "php_backend_int.h"

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
cf_meta *cf_backend_meta(cf_backend *b)
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
cf_meta_l1_entry *cf_load_record(cf_backend *b, cf_meta *m, zend_string *id, cf_lookup *result)
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
void cf_mark_broken(cf_backend *b, cf_meta *m, zend_string *id, const cf_record *rec, zval *raw)
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
	if (cf_meta_counted(b, m->ops->set(m, key, &copy, &ns_tags, (zend_long)cf_record_broken_ttl(rec, cf_now()), NULL, 0,
							   &stored)) == FAILURE) {
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
void cf_blob_miss(cf_backend *b, zend_string *id, const char *hash)
{
	CF_COUNT(b, BLOB_MISS);
	cf_remember_missing(b, id, hash);
}

/* Serves the compression name written into records and the hash header. */
const char *cf_compression_name(cf_backend *b)
{
	return cf_codec_name(b->primary);
}

/* The content address of a payload as this backend computes it (serializer, codec, version, PHP). */
int cf_backend_payload_hash(cf_backend *b, const char *data, size_t len, char out[CF_HEX64_LEN + 1])
{
	static const char php_version[] = ZEND_TOSTR(PHP_MAJOR_VERSION) "." ZEND_TOSTR(PHP_MINOR_VERSION);
	return cf_payload_hash(b->serializer, cf_compression_name(b), b->backend_version, php_version, data, len, out);
}

/*
 * This pod's file contradicts the record while the record itself is sound (a flipped bit, a
 * truncated or swapped file): a local matter. The file goes, this pod misses, and the next set()
 * of the entry re-materialises it; other pods keep serving their own, verified copies.
 */
void cf_local_corrupt(cf_backend *b, zend_string *id, const cf_record *rec)
{
	cf_store_delete(&b->store, rec->hash);
	zend_hash_str_del(&b->verified, rec->hash, CF_HEX64_LEN);
	cf_lru_forget(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id));
	cf_remember_missing(b, id, rec->hash);
	CF_COUNT(b, MISS_CORRUPT);
}
