/*
 * clusterfile: shared small payloads (see php_shared_payload.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_clusterfile.h"
#include "alloc.h"
#include "codec.h"
#include "hash.h"
#include "php_errors.h"
#include "php_shared_payload.h"
#include "php_backend.h"

bool cf_shared_payload_wanted(const cf_meta *m, int64_t max_bytes, size_t file_len)
{
	return max_bytes > 0 && m->ops->get_shared_payload && file_len > 0 && (int64_t)file_len <= max_bytes;
}

/* Exactly the writer's file: the record's size, and its checksum (sha256 of the file bytes). */
static bool cf_sp_verify(const cf_record *rec, zend_string *bytes)
{
	char sum[CF_HEX64_LEN + 1];
	return (int64_t)ZSTR_LEN(bytes) == rec->payload_size && cf_sha256_hex(ZSTR_VAL(bytes), ZSTR_LEN(bytes), sum) == 0 &&
		   cf_hex64_equals(sum, rec->checksum);
}

zend_string *cf_shared_payload_fetch(cf_meta *m, const cf_store *store, zend_string *key, const cf_record *rec,
	cf_shared_payload_address address, void *address_ctx, int64_t max_bytes, bool php_mode, size_t max_payload_bytes,
	size_t *written)
{
	zend_string *bytes = NULL;
	zend_string *payload;

	*written = 0;
	/* a writer with the same limit shared nothing larger: no round trip for it */
	if (max_bytes <= 0 || !m->ops->get_shared_payload || rec->payload_size <= 0 || rec->payload_size > max_bytes) {
		return NULL;
	}
	if (m->ops->get_shared_payload(m, key, (size_t)max_bytes, &bytes) == FAILURE) {
		/* a read: a quiet blob miss (an exit or a metadata cycle stays pending for the caller) */
		cf_clear_exception();
		return NULL;
	}
	if (!bytes) {
		return NULL;
	}
	if (!cf_sp_verify(rec, bytes)) {
		/* edited, or another write's bytes beside a record that changed meanwhile: never served */
		zend_string_release(bytes);
		return NULL;
	}
	if (php_mode) {
		payload = zend_string_copy(bytes);
	} else {
		char *out = NULL;
		size_t out_len = 0;
		if (cf_codec_decode(&CF_G(codec), ZSTR_VAL(bytes), ZSTR_LEN(bytes), max_payload_bytes, &cf_emalloc_allocator,
				&out, &out_len, NULL) != CF_CODEC_OK) {
			/* the writer's bytes are not a payload (or not within this pod's maxPayloadBytes): the
			 * local ladder decides about such an entry when it has the file; here it is a blob miss */
			zend_string_release(bytes);
			return NULL;
		}
		payload = zend_string_init(out, out_len, 0);
		efree(out);
	}
	/* and they are this cache's kind of payload: its content address, computed here, is the record's
	 * (a VariableFrontend writer's bytes under the same cache name never become PHP source here) */
	{
		char h[CF_HEX64_LEN + 1];
		if (address(address_ctx, ZSTR_VAL(payload), ZSTR_LEN(payload), h) != 0 || !cf_hex64_equals(h, rec->hash)) {
			zend_string_release(payload);
			zend_string_release(bytes);
			return NULL;
		}
	}
	/* the file under its content address, as set() would have written it */
	if (cf_store_write(store, rec->hash, ZSTR_VAL(bytes), ZSTR_LEN(bytes)) == CF_STORE_OK) {
		*written = ZSTR_LEN(bytes);
	}
	zend_string_release(bytes);
	return payload;
}
