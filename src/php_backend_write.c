/*
 * clusterfile: ClusterFile\NativeBackend - writes and invalidation: set(), remove(), flush(), flushByTag(s),
 * findIdentifiersByTag(), collectGarbage() (see php_backend_int.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ident.h"
#include "php_typo3.h"
#include "php_gc.h"
#include "php_shared_payload.h"
#include "php_backend_int.h"

static void cf_count_gc(cf_backend *b, cf_counter run, cf_gc_status st, const cf_gc_report *r);

/*
 * Bounds the local store at write time: sampled once per 1/256 of localMaxBytes written (by any
 * process), a step collects 4 of the 256 shard directories against their share of the budget.
 */
void cf_gc_after_write(cf_backend *b, size_t written, int64_t now)
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
	const char *failed = NULL;
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
	bool share = cf_shared_payload_wanted(m, b->opts.shared_payload_max, file_len);
	bool stored = false;
	if (cf_meta_counted(b, m->ops->set(m, key, &record, &ns_tags, (zend_long)cf_record_store_lifetime(&rec, now),
							   share ? file : NULL, share ? file_len : 0, &stored)) == FAILURE) {
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
		goto done;
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
	goto done;

fail:
	CF_COUNT(b, WRITE_ERROR);
	/* Whatever this request held for the identifier is no longer trustworthy. */
	zend_hash_del(&b->meta_l1, id);
	cf_lru_forget(b->payload_l1, ZSTR_VAL(id), ZSTR_LEN(id));
done:
	zend_string_release(key);
	zval_ptr_dtor(&record);
	zval_ptr_dtor(&ns_tags);
	zval_ptr_dtor(&user_tags);
	if (encoded) {
		efree(encoded);
	}
	if (failed) {
		cf_throw_cache(CF_E_WRITE_FAILED, "ClusterFileBackend: set(\"%s\") of cache \"%s\" failed: %s (see previous)",
			ZSTR_VAL(id), ZSTR_VAL(b->cache_name), failed);
		RETURN_THROWS();
	}
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
	zend_string *ns = cf_user_tag_key(b, tag);
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
	zend_string *ns = cf_user_tag_key(b, tag);
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
