/*
 * clusterfile: shared small payloads (option sharedPayloadMaxBytes; the native store only).
 *
 * This module owns the backend's side of payloads kept beside their record in the metadata store:
 * which writes hand their file bytes to the store (encoded size 1..sharedPayloadMaxBytes, and a
 * store that has get_shared_payload), and what a blob miss (a valid record, no local file) does with
 * the store's copy: fetch it in one extra round trip, accept it only when its size and sha256 are
 * the record's (the record is HMAC-authenticated by the store, so matching its checksum
 * authenticates the bytes), decode it (variable caches), write it into the local store and hand the
 * payload back. Bytes that do not verify or decode are never served: the caller falls back to a
 * plain blob miss. It does not own where the store keeps the bytes (php_meta_redis.c), nor the
 * counters, the L1s or the local GC (php_backend.c).
 */
#ifndef CF_PHP_SHARED_PAYLOAD_H
#define CF_PHP_SHARED_PAYLOAD_H

#include "php.h"
#include "meta.h"
#include "record.h"
#include "store.h"
#include "hash.h"

/* set(): whether m's set() is given the file's bytes to keep - max_bytes > 0, m keeps payloads, and
 * 0 < file_len <= max_bytes. */
bool cf_shared_payload_wanted(const cf_meta *m, int64_t max_bytes, size_t file_len);

/*
 * A blob miss of rec (already checked: valid, not Broken, not expired) under the store key key.
 * NULL: a plain blob miss - sharing off (max_bytes 0) or not for this size, nothing shared, bytes
 * that do not verify or decode, a store failure (its exception cleared, unless one that must travel:
 * the caller checks EG(exception)), or a payload whose content address as this pod computes it
 * (address(ctx, payload, out hex)) is not the record's hash (another kind of cache wrote it: a
 * VariableFrontend's bytes are never a PhpFrontend's source). Otherwise the payload (decoded within max_payload_bytes
 * for a variable cache; the PHP source as stored in php_mode), its file written to the local store; *written is the
 * bytes written there, 0 when that write failed (the verified payload is served all the same, the next blob miss
 * fetches it again).
 */
typedef int (*cf_shared_payload_address)(void *ctx, const char *payload, size_t len, char out[CF_HEX64_LEN + 1]);

zend_string *cf_shared_payload_fetch(cf_meta *m, const cf_store *store, zend_string *key, const cf_record *rec,
	cf_shared_payload_address address, void *address_ctx, int64_t max_bytes, bool php_mode, size_t max_payload_bytes,
	size_t *written);

#endif
