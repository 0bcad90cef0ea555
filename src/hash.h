/*
 * clusterfile: digests.
 *
 * This module owns every digest the backend computes: sha256 (OpenSSL libcrypto), its lowercase
 * hex form, the payload hash over the versioned header, the file checksum, the 16-hex identifier
 * digest used in logs, and the BackendVersion fold (zlib crc32). It knows nothing about files or
 * metadata records. Zend-free.
 */
#ifndef CF_HASH_H
#define CF_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CF_SHA256_LEN 32
#define CF_HEX64_LEN  64
/* BackendVersionInfo::CURRENT of the on-disk format (marker byte era). */
#define CF_BACKEND_VERSION_CURRENT 2
/* Only this many bytes of the env var value take part in the BackendVersion fold. */
#define CF_BACKEND_VERSION_MAX_INPUT 512

/* Writes 2*len lowercase hex characters plus a NUL to out. */
void cf_hex_encode(const unsigned char *in, size_t len, char *out);

/* True iff s is exactly 64 characters of [0-9a-f]. */
bool cf_is_hex64(const char *s, size_t len);

/* sha256 over the concatenation of n parts; writes 64 hex + NUL to out_hex. 0 = ok, -1 = libcrypto failure. */
typedef struct cf_iov {
	const void *data;
	size_t len;
} cf_iov;
int cf_sha256_hex_iov(const cf_iov *parts, size_t n, char out_hex[CF_HEX64_LEN + 1]);
int cf_sha256_hex(const void *data, size_t len, char out_hex[CF_HEX64_LEN + 1]);
/*
 * A keyed HMAC-SHA256 (RFC 2104 over libcrypto's sha256): the padded key's inner and outer states
 * are computed once, so each message costs two struct copies and the message's blocks (libcrypto's
 * SHA256_* block functions: the EVP layer's per-context provider dispatch cost four times as much
 * here). 0 = ok, -1 = failure (then nothing to free).
 */
typedef struct cf_hmac {
	void *inner; /* SHA256_CTX after the key ^ ipad block (copied per message: a plain struct) */
	void *outer; /* SHA256_CTX after the key ^ opad block */
} cf_hmac;
int cf_hmac_init(cf_hmac *h, const void *key, size_t key_len);
void cf_hmac_free(cf_hmac *h);
int cf_hmac_hex_iov(cf_hmac *h, const cf_iov *parts, size_t n, char out_hex[CF_HEX64_LEN + 1]);

/* HMAC-SHA256 with key[0..key_len) over the concatenation of n parts; 64 hex + NUL. 0 = ok, -1 = failure. */
int cf_hmac_sha256_hex_iov(
	const void *key, size_t key_len, const cf_iov *parts, size_t n, char out_hex[CF_HEX64_LEN + 1]);

/*
 * The payload hash: sha256 over "<serializer>|<compression>|<backend_version>|<php_major_minor>|"
 * followed by the raw payload bytes. 0 = ok, -1 = failure (header would not fit: labels longer
 * than 64 bytes each are refused).
 */
int cf_payload_hash(const char *serializer, const char *compression, int64_t backend_version,
	const char *php_major_minor, const void *data, size_t len, char out_hex[CF_HEX64_LEN + 1]);

/* First 16 hex characters of sha256(identifier) + NUL: the only form of an identifier in logs. */
int cf_identifier_digest(const char *identifier, size_t len, char out[17]);

/*
 * BackendVersion from the value of the deploy env var: CF_BACKEND_VERSION_CURRENT when value is
 * NULL or empty, otherwise max(1, crc32("2:" + the first 512 bytes of value)) (IEEE CRC-32,
 * unsigned).
 */
int64_t cf_backend_version(const char *value, size_t len);

/* Constant-time equality of two 64-hex strings. */
bool cf_hex64_equals(const char *a, const char *b);

#endif
