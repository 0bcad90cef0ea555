/*
 * clusterfile: ClusterFile\NativeBackend - the read ladders: get(), has(), require(), requireOnce() (see
 * php_backend_int.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_typo3.h"
#include "php_gc.h"
#include "php_verified.h"
#include "php_shared_payload.h"
#include "php_backend_int.h"

/* ---- zend_string-backed buffers: a payload is read or decoded into the string it is returned as */

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
