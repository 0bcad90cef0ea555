/*
 * clusterfile: the metadata record, field by field.
 *
 * This module owns the validation of the 11-field record (identifier, hash, checksum, createdAt,
 * expiresAt, serializer, compression, payloadSize, tags, state, backendVersion) once its values
 * have been read out of whatever container carried them, and the lifetime arithmetic around it
 * (expiry, unlimited, Broken-marker TTL, metadata TTL). It does not own the container (a PHP array
 * in the glue), nor the metadata store. Any defect means "no metadata": a poisoned record can only
 * ever be a miss, and only a validated 64-hex digest leaves this module. Zend-free.
 */
#ifndef CF_RECORD_H
#define CF_RECORD_H

#include "codec.h"
#include "hash.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* expiresAt of an entry with unlimited lifetime (the reference's value; never expires here). */
#define CF_EXPIRES_UNLIMITED INT64_C(2147483647)
/* The Broken marker lives max(60, min(3600, remaining)) seconds. */
#define CF_BROKEN_TTL_MIN       60
#define CF_BROKEN_TTL_MAX       3600
#define CF_SERIALIZER_LABEL_MAX 64
#define CF_DIGEST_PREFIX        "sha256:"

typedef struct cf_record {
	char hash[CF_HEX64_LEN + 1];     /* validated 64 lowercase hex */
	char checksum[CF_HEX64_LEN + 1]; /* validated 64 lowercase hex */
	int64_t created_at;
	int64_t expires_at;
	int64_t payload_size;
	int64_t backend_version;
	cf_codec compression;
	bool broken;
} cf_record;

/* "sha256:" followed by exactly 64 lowercase hex -> out (64 hex + NUL). Anything else: false. */
bool cf_record_parse_digest(const char *s, size_t len, char out[CF_HEX64_LEN + 1]);
/* "igbinary:<label>" or "php:<label>", at most 64 bytes, label printable ASCII without ':' required non-empty. */
bool cf_record_check_serializer(const char *s, size_t len);
/* "valid" or "broken". */
bool cf_record_parse_state(const char *s, size_t len, bool *broken);
/* "zstd", "gzip" or "none". */
bool cf_record_parse_compression(const char *s, size_t len, cf_codec *out);
/* createdAt > 0, expiresAt > createdAt (or == CF_EXPIRES_UNLIMITED), payloadSize >= 0, backendVersion >= 1. */
bool cf_record_check_numbers(const cf_record *r);

/* How far a record's createdAt may lie ahead of this pod's clock (pods' clocks differ a little). */
#define CF_RECORD_MAX_CLOCK_SKEW 300

/* createdAt more than CF_RECORD_MAX_CLOCK_SKEW seconds after now: no pod wrote this record. */
bool cf_record_is_from_future(const cf_record *r, int64_t now);

/* Not broken and now < expiresAt (an unlimited entry never expires). */
bool cf_record_is_live(const cf_record *r, int64_t now);
bool cf_record_is_expired(const cf_record *r, int64_t now);

/* Lifetime passed to the metadata store for a record: 0 for unlimited, else expiresAt - now (>= 1). */
int64_t cf_record_store_lifetime(const cf_record *r, int64_t now);
/* TTL of a Broken marker: 3600 for unlimited, else max(60, min(3600, expiresAt - now)). */
int64_t cf_record_broken_ttl(const cf_record *r, int64_t now);

/*
 * The lifetime a caller asked for -> (created_at, expires_at). has_lifetime false (null) or a
 * negative lifetime use default_lifetime; 0 means unlimited. Returns false if the arithmetic would
 * overflow.
 */
bool cf_record_lifetime(bool has_lifetime, int64_t lifetime, int64_t default_lifetime, int64_t now, int64_t *created_at,
	int64_t *expires_at);

#endif
