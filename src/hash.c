/*
 * clusterfile: digests (sha256 and HMAC-SHA256 via libcrypto, crc32 via zlib). Zend-free.
 */
/* SHA256_Init/Update/Final: deprecated in OpenSSL 3 for the EVP layer, still its fastest way to
 * copy a keyed HMAC state (cf_hmac) */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "hash.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdlib.h>
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
#include <openssl/core_names.h>
#include <openssl/params.h>
#else
#include <openssl/hmac.h>
#endif
#include <zlib.h>

/* Longest label (serializer, compression, php major.minor) accepted in the payload hash header. */
#define CF_HASH_LABEL_MAX 64

void cf_hex_encode(const unsigned char *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0x0f];
	}
	out[2 * len] = '\0';
}

bool cf_is_hex64(const char *s, size_t len)
{
	size_t i;

	if (s == NULL || len != CF_HEX64_LEN) {
		return false;
	}
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return false;
		}
	}
	return true;
}

int cf_sha256_hex_iov(const cf_iov *parts, size_t n, char out_hex[CF_HEX64_LEN + 1])
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	SHA256_CTX c;
	size_t i;
	int ok = SHA256_Init(&c) == 1;

	for (i = 0; ok && i < n; i++) {
		if (parts[i].len > 0) {
			ok = parts[i].data != NULL && SHA256_Update(&c, parts[i].data, parts[i].len) == 1;
		}
	}
	ok = ok && SHA256_Final(md, &c) == 1;
	if (!ok) {
		return -1;
	}
	cf_hex_encode(md, CF_SHA256_LEN, out_hex);
	return 0;
}

int cf_hmac_sha256_hex_iov(
	const void *key, size_t key_len, const cf_iov *parts, size_t n, char out_hex[CF_HEX64_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	size_t md_len = 0;
	size_t i;
	int ok;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[2];
	static const unsigned char empty[1] = {0};

	params[0] = OSSL_PARAM_construct_utf8_string("digest", (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	ok = ctx != NULL && EVP_MAC_init(ctx, key_len ? key : empty, key_len, params) == 1;
	for (i = 0; ok && i < n; i++) {
		if (parts[i].len > 0) {
			ok = EVP_MAC_update(ctx, parts[i].data, parts[i].len) == 1;
		}
	}
	if (ok) {
		ok = EVP_MAC_final(ctx, md, &md_len, sizeof(md)) == 1;
	}
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
#else
	HMAC_CTX *ctx = HMAC_CTX_new();
	unsigned int len = 0;

	ok = ctx != NULL && HMAC_Init_ex(ctx, key, (int)key_len, EVP_sha256(), NULL) == 1;
	for (i = 0; ok && i < n; i++) {
		if (parts[i].len > 0) {
			ok = HMAC_Update(ctx, parts[i].data, parts[i].len) == 1;
		}
	}
	if (ok) {
		ok = HMAC_Final(ctx, md, &len) == 1;
		md_len = len;
	}
	HMAC_CTX_free(ctx);
#endif
	if (!ok || md_len != CF_SHA256_LEN) {
		return -1;
	}
	cf_hex_encode(md, CF_SHA256_LEN, out_hex);
	return 0;
}

void cf_hmac_free(cf_hmac *h)
{
	if (h->inner) {
		OPENSSL_cleanse(h->inner, sizeof(SHA256_CTX));
	}
	if (h->outer) {
		OPENSSL_cleanse(h->outer, sizeof(SHA256_CTX));
	}
	free(h->inner);
	free(h->outer);
	h->inner = h->outer = NULL;
}

int cf_hmac_init(cf_hmac *h, const void *key, size_t key_len)
{
	unsigned char k[SHA256_CBLOCK];
	unsigned char pad[SHA256_CBLOCK];
	size_t i;
	int ok;

	memset(k, 0, sizeof(k));
	h->inner = malloc(sizeof(SHA256_CTX));
	h->outer = malloc(sizeof(SHA256_CTX));
	ok = h->inner && h->outer;
	if (ok && key_len > sizeof(k)) {
		/* a key longer than the block is hashed first */
		ok = SHA256(key, key_len, k) != NULL;
	} else if (ok && key_len > 0) {
		memcpy(k, key, key_len);
	}
	for (i = 0; i < sizeof(pad); i++) {
		pad[i] = k[i] ^ 0x36;
	}
	ok = ok && SHA256_Init(h->inner) == 1 && SHA256_Update(h->inner, pad, sizeof(pad)) == 1;
	for (i = 0; i < sizeof(pad); i++) {
		pad[i] = k[i] ^ 0x5c;
	}
	ok = ok && SHA256_Init(h->outer) == 1 && SHA256_Update(h->outer, pad, sizeof(pad)) == 1;
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(pad, sizeof(pad));
	if (!ok) {
		cf_hmac_free(h);
		return -1;
	}
	return 0;
}

int cf_hmac_hex_iov(cf_hmac *h, const cf_iov *parts, size_t n, char out_hex[CF_HEX64_LEN + 1])
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	SHA256_CTX c;
	size_t i;
	int ok;

	memcpy(&c, h->inner, sizeof(c));
	ok = 1;
	for (i = 0; ok && i < n; i++) {
		if (parts[i].len > 0) {
			ok = SHA256_Update(&c, parts[i].data, parts[i].len) == 1;
		}
	}
	ok = ok && SHA256_Final(md, &c) == 1;
	memcpy(&c, h->outer, sizeof(c));
	ok = ok && SHA256_Update(&c, md, sizeof(md)) == 1 && SHA256_Final(md, &c) == 1;
	OPENSSL_cleanse(&c, sizeof(c));
	if (!ok) {
		return -1;
	}
	cf_hex_encode(md, CF_SHA256_LEN, out_hex);
	return 0;
}

int cf_sha256_hex(const void *data, size_t len, char out_hex[CF_HEX64_LEN + 1])
{
	cf_iov one = {data, len};
	if (data == NULL && len != 0) {
		return -1;
	}
	return cf_sha256_hex_iov(&one, 1, out_hex);
}

static bool cf_hash_label_ok(const char *label)
{
	return label != NULL && strnlen(label, CF_HASH_LABEL_MAX + 1) <= CF_HASH_LABEL_MAX;
}

int cf_payload_hash(const char *serializer, const char *compression, int64_t backend_version,
	const char *php_major_minor, const void *data, size_t len, char out_hex[CF_HEX64_LEN + 1])
{
	/* Three labels, a signed 64-bit decimal, four separators and the NUL. */
	char header[3 * CF_HASH_LABEL_MAX + 21 + 4 + 1];
	cf_iov parts[2];
	int n;

	if (!cf_hash_label_ok(serializer) || !cf_hash_label_ok(compression) || !cf_hash_label_ok(php_major_minor)) {
		return -1;
	}
	if (data == NULL && len != 0) {
		return -1;
	}
	n = snprintf(
		header, sizeof(header), "%s|%s|%" PRId64 "|%s|", serializer, compression, backend_version, php_major_minor);
	if (n < 0 || (size_t)n >= sizeof(header)) {
		return -1;
	}
	parts[0].data = header;
	parts[0].len = (size_t)n;
	parts[1].data = data;
	parts[1].len = len;
	return cf_sha256_hex_iov(parts, 2, out_hex);
}

int cf_identifier_digest(const char *identifier, size_t len, char out[17])
{
	char hex[CF_HEX64_LEN + 1];

	if (cf_sha256_hex(identifier, len, hex) != 0) {
		return -1;
	}
	memcpy(out, hex, 16);
	out[16] = '\0';
	return 0;
}

int64_t cf_backend_version(const char *value, size_t len)
{
	static const char prefix[] = "2:";
	uLong crc;

	if (value == NULL || len == 0) {
		return CF_BACKEND_VERSION_CURRENT;
	}
	if (len > CF_BACKEND_VERSION_MAX_INPUT) {
		len = CF_BACKEND_VERSION_MAX_INPUT;
	}
	crc = crc32(0L, Z_NULL, 0);
	crc = crc32(crc, (const Bytef *)prefix, (uInt)(sizeof(prefix) - 1));
	crc = crc32(crc, (const Bytef *)value, (uInt)len);
	crc &= 0xffffffffUL;
	return crc == 0 ? 1 : (int64_t)crc;
}

bool cf_hex64_equals(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		return false;
	}
	return CRYPTO_memcmp(a, b, CF_HEX64_LEN) == 0;
}
