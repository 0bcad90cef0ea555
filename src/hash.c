/*
 * clusterfile: digests (sha256 via OpenSSL EVP, crc32 via zlib). Zend-free.
 */
#include "hash.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
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
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len = 0;
	EVP_MD_CTX *ctx;
	size_t i;
	int ok;

	ctx = EVP_MD_CTX_new();
	if (ctx == NULL) {
		return -1;
	}
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	for (i = 0; ok && i < n; i++) {
		if (parts[i].len > 0) {
			ok = EVP_DigestUpdate(ctx, parts[i].data, parts[i].len);
		}
	}
	if (ok) {
		ok = EVP_DigestFinal_ex(ctx, md, &md_len);
	}
	EVP_MD_CTX_free(ctx);
	if (!ok || md_len != CF_SHA256_LEN) {
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

int cf_sha256_hex(const void *data, size_t len, char out_hex[CF_HEX64_LEN + 1])
{
	static const unsigned char empty = 0;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len = 0;

	if (data == NULL) {
		if (len != 0) {
			return -1;
		}
		data = &empty;
	}
	if (!EVP_Digest(data, len, md, &md_len, EVP_sha256(), NULL) || md_len != CF_SHA256_LEN) {
		return -1;
	}
	cf_hex_encode(md, CF_SHA256_LEN, out_hex);
	return 0;
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
